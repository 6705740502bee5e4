// Kaohe's configuration of the Camunda webapp; replaces the config.js of the camunda-webapp-webjar
// (BOOT-INF/classes comes before the webjar on the class path). See docs/webapp-translation.md.
// Camunda loads the preferred and the fallback language's file, and whichever arrives last sets the language of all
// dates on the page (moment's global locale), so a Chinese page showed "in 3 days". With the fallback equal to the
// preferred language only one file is loaded. Same rule as Camunda's: the browser's first language, part before '-'.
const language = ((Array.isArray(navigator.languages) ? navigator.languages[0] : navigator.language) || '')
  .split('-')[0].toLowerCase();

export default {
  // Page title and header "Camunda 首页"; in other languages Camunda's own name.
  app: language === 'zh' ? {name: '首页'} : {},
  // Camunda looks up that language part here ('zh-CN', 'zh-TW' and 'zh' all become 'zh'), so the Chinese file is
  // zh.json, not zh-CN.json. Browsers in any other language get English.
  locales: {
    availableLocales: ['zh', 'en'],
    fallbackLocale: language === 'zh' ? 'zh' : 'en'
  },
  // Named formats, so that each language formats with its own dateLocales (zh: 2025年3月5日 14:30).
  dateFormat: {
    normal: 'LLL',
    long: 'LLLL'
  },
  // The first-login notice points to /camunda-welcome, Camunda Run's English start page, which Kaohe does not serve.
  disableWelcomeMessage: true
};
