// Kaohe's Tasklist plugin. Its server side (KaoheTasklistResource) serves the forms' templates, uploads and
// documents, and the approval operations of the 办理 tab below (org.kaohe.operation.OperationsResource).
//
// The 办理 tab (plugin point tasklist.task.detail, which Tasklist gives the open task's id): the buttons 催办, 退回,
// 抄送, 委派 and 转办, each shown only when the server says the user may do it on this task, each with a small
// dialog (comment, and the people to pick by name). Every text from the server or the user is set as text, never
// as HTML. Plain DOM, no library: Tasklist's own Bootstrap 3 styles give the look.

var ORDER = ['delegate', 'transfer', 'return', 'copy', 'urge'];

var TEXTS = {
  delegate: {
    label: '委派',
    intro: '请本单位其他人员代为办理。对方填写并提交后，任务自动交回您，由您继续办理。',
    pick: '委派给',
    placeholder: '可写明需要对方办理的内容（选填）'
  },
  transfer: {
    label: '转办',
    intro: '将本任务转交本单位其他人员办理。转办后由对方负责，任务不再交回您。',
    pick: '转办给',
    placeholder: '可写明转办的原因（选填）'
  },
  'return': {
    label: '退回',
    intro: '按流程退回上一环节，由对方修改或补充后重新提交。退回意见必填，记入任务历史，并显示给对方。',
    placeholder: '请写明需要修改或补充的内容'
  },
  copy: {
    label: '抄送',
    intro: '将本任务当前的材料或结果抄送给本单位主要负责同志阅知（只读）。抄送不改变本任务，对方阅后点击“已阅”即可。',
    pick: '抄送给',
    placeholder: '可写明请对方关注的内容（选填）'
  },
  urge: {
    label: '催办',
    intro: '提醒办理单位尽快办理本任务：催办意见记入任务历史，并以邮件通知该单位。',
    placeholder: '例如：请于本周五前报送（选填）'
  }
};

function el(tag, className, text) {
  var node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined && text !== null) {
    node.textContent = String(text);
  }
  return node;
}

function cookie(name) {
  var found = null;
  document.cookie.split(';').forEach(function (part) {
    var i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) {
      found = decodeURIComponent(part.slice(i + 1).trim());
    }
  });
  return found;
}

function count(text) {
  return Array.from(text || '').length;
}

// The server's answer as a Chinese message: Camunda's error shape {type, message}, or a fallback by status.
function failure(response, body) {
  if (body && typeof body.message === 'string' && body.message) {
    return body.message;
  }
  if (response.status === 401) {
    return '登录已过期，请重新登录后再试';
  }
  if (response.status === 403) {
    return '您没有权限执行此操作；如刚刚打开本页面，请刷新后再试';
  }
  return '操作未能完成（' + response.status + '），请稍后再试';
}

function request(url, method, body, api) {
  var headers = { 'Accept': 'application/json' };
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    // Camunda's CSRF filter wants the token of the XSRF-TOKEN cookie, as the forms send it.
    headers['X-XSRF-TOKEN'] = cookie('XSRF-TOKEN') || api.CSRFToken || '';
  }
  return fetch(url, {
    method: method,
    credentials: 'same-origin',
    headers: headers,
    body: body === undefined ? undefined : JSON.stringify(body)
  }).then(function (response) {
    return response.text().then(function (text) {
      var parsed = null;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch (e) {
        parsed = null;
      }
      if (!response.ok) {
        throw new Error(failure(response, parsed));
      }
      return parsed;
    });
  }, function () {
    throw new Error('无法连接服务器，请检查网络后再试');
  });
}

// Tasklist refreshes its list on "refresh" and reloads the open task when its data changes; a task that is gone
// (returned, hence completed) is then removed from the view by Tasklist itself.
function refreshTasklist(scope) {
  try {
    if (!scope || !scope.$root) {
      return;
    }
    scope.$root.$broadcast('refresh');
    if (scope.taskData && typeof scope.taskData.changed === 'function') {
      scope.taskData.changed('task');
    }
    if (typeof scope.$root.$applyAsync === 'function') {
      scope.$root.$applyAsync();
    }
  } catch (e) {
    // the operation is done; at worst the view shows it after the next refresh
  }
}

function personLabel(person) {
  return person.name && person.name !== person.id ? person.name + '（' + person.id + '）' : person.id;
}

function openDialog(key, entry, maxLength, onSubmit) {
  var texts = TEXTS[key];
  var title = key === 'return' && entry.label ? entry.label : texts.label;
  var people = Array.isArray(entry.people) ? entry.people : null;
  var multiple = key === 'copy';
  var required = key === 'return';

  var backdrop = el('div', 'modal-backdrop fade in kh-ops-backdrop');
  var modal = el('div', 'modal fade in kh-ops-modal');
  modal.setAttribute('role', 'dialog');
  modal.setAttribute('aria-modal', 'true');
  var dialog = el('div', 'modal-dialog');
  var content = el('div', 'modal-content');
  var header = el('div', 'modal-header');
  var heading = el('h3', 'modal-title', title);
  heading.id = 'kh-ops-title';
  modal.setAttribute('aria-labelledby', heading.id);
  header.appendChild(heading);
  var body = el('div', 'modal-body');
  body.appendChild(el('p', 'text-muted', texts.intro));

  var choices = [];
  if (people) {
    var group = el('div', 'form-group');
    group.appendChild(el('label', 'control-label', texts.pick + (multiple ? '（可多选）' : '')));
    if (multiple) {
      people.forEach(function (person) {
        var box = el('div', 'checkbox');
        var label = el('label');
        var input = el('input');
        input.type = 'checkbox';
        input.value = person.id;
        input.checked = people.length === 1;
        choices.push(input);
        label.appendChild(input);
        label.appendChild(document.createTextNode(' ' + personLabel(person)));
        box.appendChild(label);
        group.appendChild(box);
      });
    } else {
      var select = el('select', 'form-control kh-ops-person');
      select.appendChild(el('option', null, '请选择人员'));
      select.options[0].value = '';
      people.forEach(function (person) {
        var option = el('option', null, personLabel(person));
        option.value = person.id;
        select.appendChild(option);
      });
      choices.push(select);
      group.appendChild(select);
    }
    body.appendChild(group);
  }

  var commentGroup = el('div', 'form-group');
  var commentLabel = el('label', 'control-label', (key === 'return' ? '退回意见' : texts.label + '意见'));
  if (required) {
    commentLabel.appendChild(el('span', 'text-danger', ' *'));
  }
  commentLabel.htmlFor = 'kh-ops-comment';
  var textarea = el('textarea', 'form-control');
  textarea.id = 'kh-ops-comment';
  textarea.rows = 4;
  textarea.placeholder = texts.placeholder;
  var counter = el('p', 'help-block kh-ops-counter', '0/' + maxLength + ' 字');
  commentGroup.appendChild(commentLabel);
  commentGroup.appendChild(textarea);
  commentGroup.appendChild(counter);
  body.appendChild(commentGroup);
  var error = el('div', 'alert alert-danger kh-ops-error');
  error.style.display = 'none';
  body.appendChild(error);

  var footer = el('div', 'modal-footer');
  var cancel = el('button', 'btn btn-default', '取消');
  cancel.type = 'button';
  var confirm = el('button', 'btn btn-primary', '确定' + title);
  confirm.type = 'button';
  footer.appendChild(cancel);
  footer.appendChild(confirm);

  content.appendChild(header);
  content.appendChild(body);
  content.appendChild(footer);
  dialog.appendChild(content);
  modal.appendChild(dialog);
  document.body.appendChild(backdrop);
  document.body.appendChild(modal);
  modal.style.display = 'block';

  function close() {
    document.removeEventListener('keydown', onKey);
    modal.remove();
    backdrop.remove();
  }
  function onKey(event) {
    if (event.key === 'Escape') {
      close();
    }
  }
  function showError(message) {
    error.textContent = message;
    error.style.display = message ? 'block' : 'none';
  }
  document.addEventListener('keydown', onKey);
  cancel.addEventListener('click', close);
  modal.addEventListener('click', function (event) {
    if (event.target === modal) {
      close();
    }
  });
  textarea.addEventListener('input', function () {
    var n = count(textarea.value);
    counter.textContent = n + '/' + maxLength + ' 字';
    commentGroup.classList.toggle('has-error', n > maxLength);
  });

  confirm.addEventListener('click', function () {
    var comment = textarea.value.trim();
    var payload = { comment: comment };
    if (people && multiple) {
      payload.userIds = choices.filter(function (c) { return c.checked; }).map(function (c) { return c.value; });
      if (!payload.userIds.length) {
        showError('请至少选择一位抄送对象');
        return;
      }
    } else if (people) {
      payload.userId = choices[0].value;
      if (!payload.userId) {
        showError('请选择' + texts.label + '的人员');
        return;
      }
    }
    if (required && !comment) {
      showError('请填写退回意见');
      textarea.focus();
      return;
    }
    if (count(comment) > maxLength) {
      showError('意见最多 ' + maxLength + ' 字，现有 ' + count(comment) + ' 字');
      return;
    }
    showError('');
    confirm.disabled = true;
    cancel.disabled = true;
    confirm.textContent = '正在提交…';
    onSubmit(payload).then(function () {
      close();
    }, function (e) {
      confirm.disabled = false;
      cancel.disabled = false;
      confirm.textContent = '确定' + title;
      showError(e.message);
    });
  });
  (choices[0] || textarea).focus();
}

function renderOperations(node, api, taskId, scope) {
  var base = api.tasklistApi + '/plugin/kaohe/' + encodeURIComponent(api.engine) + '/tasks/'
    + encodeURIComponent(taskId) + '/operations';
  var root = el('div', 'kh-ops');
  var notice = el('div', 'alert alert-success kh-ops-done');
  notice.style.display = 'none';
  var body = el('div');
  root.appendChild(notice);
  root.appendChild(body);
  node.appendChild(root);

  // After an operation that took the task from the user (退回 completes it), the reload finds no task: that is
  // the success already shown, not an error.
  function load(afterSuccess) {
    body.textContent = '';
    body.appendChild(el('p', 'text-muted', '正在读取可办理的操作…'));
    request(base, 'GET', undefined, api).then(function (answer) {
      body.textContent = '';
      var operations = (answer && answer.operations) || {};
      var max = (answer && answer.commentMaxLength) || 500;
      var allowed = ORDER.filter(function (key) { return operations[key] && operations[key].allowed; });
      // Operations that exist for the user but not for this task now (409) are explained; those that are never the
      // user's (403: urging is the office's) are left out.
      var waiting = ORDER.filter(function (key) {
        return operations[key] && !operations[key].allowed && operations[key].status === 409 && operations[key].reason;
      });
      function explain(list) {
        if (!waiting.length) {
          return;
        }
        var details = el('details', 'kh-ops-reasons');
        details.appendChild(el('summary', null, allowed.length ? '其他操作为什么不可用' : '为什么没有可办理的操作'));
        var items = el('ul');
        waiting.forEach(function (key) {
          items.appendChild(el('li', null, TEXTS[key].label + '：' + operations[key].reason));
        });
        details.appendChild(items);
        list.appendChild(details);
      }
      if (!allowed.length) {
        body.appendChild(el('p', 'text-muted', '您对本任务暂无可办理的审批操作（委派、转办、退回、抄送、催办）。'));
        explain(body);
        return;
      }
      body.appendChild(el('p', 'text-muted', '每项操作都会在本任务的历史中留下记录（含您填写的意见）。'));
      var bar = el('div', 'kh-ops-buttons');
      allowed.forEach(function (key) {
        var entry = operations[key];
        var label = key === 'return' && entry.label ? entry.label : TEXTS[key].label;
        var button = el('button', key === 'return' ? 'btn btn-warning' : 'btn btn-default', label);
        button.type = 'button';
        button.setAttribute('data-operation', key);
        button.title = TEXTS[key].intro;
        button.addEventListener('click', function () {
          openDialog(key, entry, max, function (payload) {
            return request(base + '/' + key, 'POST', payload, api).then(function (done) {
              notice.textContent = (done && done.message) || (label + '已完成');
              notice.style.display = 'block';
              refreshTasklist(scope);
              load(true);
            });
          });
        });
        bar.appendChild(button);
      });
      body.appendChild(bar);
      explain(body);
    }, function (e) {
      body.textContent = '';
      body.appendChild(afterSuccess ? el('p', 'text-muted', '本任务已不在您的待办中。')
        : el('div', 'alert alert-warning', e.message));
    });
  }
  load(false);
}

export default [
  {
    id: 'kaohe-operations',
    pluginPoint: 'tasklist.task.detail',
    // Right after Tasklist's form tab (1000), before history, diagram and description.
    priority: 900,
    properties: {
      label: '办理'
    },
    render: function (node, props, scope) {
      if (!props || !props.taskId || !props.api) {
        return;
      }
      renderOperations(node, props.api, props.taskId, scope);
    }
  }
];
