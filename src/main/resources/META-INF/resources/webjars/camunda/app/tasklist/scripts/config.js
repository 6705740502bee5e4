// Kaohe's configuration of the Camunda webapp; replaces the config.js of the camunda-webapp-webjar
// (BOOT-INF/classes comes before the webjar on the class path). See docs/webapp-translation.md.
// Camunda loads the preferred and the fallback language's file, and whichever arrives last sets the language of all
// dates on the page (moment's global locale), so a Chinese page showed "in 3 days". With the fallback equal to the
// preferred language only one file is loaded. Same rule as Camunda's: the browser's first language, part before '-'.
const language = ((Array.isArray(navigator.languages) ? navigator.languages[0] : navigator.language) || '')
  .split('-')[0].toLowerCase();

export default {
  // Page title and header "Camunda 任务列表"; in other languages Camunda's own name.
  app: language === 'zh' ? {name: '任务列表'} : {},
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
  disableWelcomeMessage: true,

  // The shipped config.js defines these shortcuts; only the descriptions (shown in the shortcut help) are Chinese.
  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: '认领当前选中的任务'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: '将焦点移到列表中的第一个过滤器'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: '将焦点移到列表中的第一个任务'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: '将焦点移到任务表单中的第一个输入框'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: '打开启动流程对话框'
    }
  }
};
