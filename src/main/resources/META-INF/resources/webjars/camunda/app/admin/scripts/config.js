// Kaohe's configuration of the Camunda webapp; replaces the config.js of the camunda-webapp-webjar
// (BOOT-INF/classes comes before the webjar on the class path). See docs/webapp-translation.md.
export default {
  app: {
    name: '系统管理',
    vendor: 'Camunda'
  },
  // Camunda picks the language by the part of navigator.language before the '-' ('zh-CN', 'zh-TW' and 'zh'
  // all become 'zh') and looks that up here, so the Chinese file must be 'zh', not 'zh-CN'.
  locales: {
    availableLocales: ['zh', 'en'],
    fallbackLocale: 'en'
  },
  // Named formats, so that each language formats with its own dateLocales (zh: 2025年3月5日 14:30).
  dateFormat: {
    normal: 'LLL',
    long: 'LLLL'
  },
  // The first-login notice points to /camunda-welcome, Camunda Run's English start page, which Kaohe does not serve.
  disableWelcomeMessage: true
};
