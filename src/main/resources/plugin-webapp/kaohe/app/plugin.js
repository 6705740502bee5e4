// Kaohe's Tasklist plugin. Its server side (KaoheTasklistResource) serves the forms' templates, uploads and
// documents; Tasklist front-end extensions go here.
export default [];
