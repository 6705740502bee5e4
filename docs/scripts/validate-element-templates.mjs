// Checks Kaohe's element templates against Camunda's official JSON schema for Camunda 7 templates, the same
// check Camunda Modeler makes when it loads them (a template it refuses is simply missing from its list).
// The repository has no Node setup; run it from a scratch folder:
//   mkdir -p /tmp/templates && cd /tmp/templates && npm i @bpmn-io/element-templates-validator
//   cp <repo>/docs/scripts/validate-element-templates.mjs . && node validate-element-templates.mjs <repo>
// ElementTemplatesTest (mvn test) checks the templates against the models and the code.
import { validateAll } from '@bpmn-io/element-templates-validator';
import fs from 'fs';
import path from 'path';

const folder = path.join(process.argv[2] || '.', 'processes', '.camunda', 'element-templates');
let invalid = 0;
for (const file of fs.readdirSync(folder).filter(f => f.endsWith('.json')).sort()) {
  const content = JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8'));
  const templates = Array.isArray(content) ? content : [content];
  const result = validateAll(templates);
  result.results.forEach((r, i) => {
    if (!r.valid) {
      invalid++;
      console.log(`${file}: ${templates[i].id}: ${r.errors.map(e => e.message).join('; ')}`);
    }
  });
  console.log(`${file}: ${templates.length} templates, ${result.results.filter(r => !r.valid).length} invalid`);
}
process.exit(invalid ? 1 : 0);
