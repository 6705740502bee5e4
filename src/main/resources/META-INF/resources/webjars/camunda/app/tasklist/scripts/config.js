// Kaohe's configuration of the Camunda webapp; replaces the config.js of the camunda-webapp-webjar
// (BOOT-INF/classes comes before the webjar on the class path). See docs/webapp-translation.md.
export default {
  app: {
    name: '任务列表',
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
