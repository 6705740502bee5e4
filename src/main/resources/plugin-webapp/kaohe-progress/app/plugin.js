// 考核进度 (progress dashboard) in Cockpit, for supervisors and the office. Server side: org.kaohe.progress
// (ProgressResource under /camunda/api/cockpit/plugin/kaohe-progress/{engine}/). Every text that comes from the
// server (unit names from the configuration, comments typed by users) goes into the page as text (textContent),
// never as HTML. No library: a table and an inline SVG bar chart.

const PLUGIN = 'kaohe-progress';
const ROUTE = '/kaohe-progress';

const STATUS_COLOURS = {
  notStarted: '#9aa5b1',
  drafting: '#3b82c4',
  awaitingLeader: '#e0a21b',
  submitted: '#2f9e55',
  late: '#d64545',
  returned: '#8e5cc2',
};

const KIND_NAMES = { city: '地市团委', department: '部室', 'affiliated-unit': '直属单位' };
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

// ---- small DOM helpers: text only, never HTML ----

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([name, value]) => {
    if (value === null || value === undefined || value === false) {
      return;
    }
    if (name.startsWith('on')) {
      node.addEventListener(name.substring(2), value);
    } else {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  });
  append(node, children);
  return node;
}

// Arrays nest (a list of rows among other children); not Array.prototype.flat, which Cockpit's bundled libraries
// leave missing.
function append(node, ...children) {
  children.forEach((child) => {
    if (child === null || child === undefined || child === false) {
      return;
    }
    if (Array.isArray(child)) {
      append(node, ...child);
      return;
    }
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  });
  return node;
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  Object.entries(attrs || {}).forEach(([name, value]) => node.setAttribute(name, String(value)));
  children.forEach((child) => node.appendChild(child instanceof Node ? child : document.createTextNode(String(child))));
  return node;
}

function clear(node) {
  while (node.firstChild) {
    node.removeChild(node.firstChild);
  }
}

// ---- dates the Chinese way; the server sends Beijing time with its offset, shown as written ----

function parts(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(iso || '');
  return m ? { y: +m[1], mo: +m[2], d: +m[3], h: m[4], mi: m[5] } : null;
}

function chineseDate(iso) {
  const p = parts(iso);
  if (!p) {
    return '';
  }
  const weekday = WEEKDAYS[new Date(Date.UTC(p.y, p.mo - 1, p.d)).getUTCDay()];
  return `${p.y}年${p.mo}月${p.d}日（星期${weekday}）`;
}

function chineseDateTime(iso) {
  const p = parts(iso);
  if (!p) {
    return '';
  }
  return `${p.y}年${p.mo}月${p.d}日${p.h ? ` ${p.h}:${p.mi}` : ''}`;
}

function shortDateTime(iso) {
  const p = parts(iso);
  return p ? `${p.mo}月${p.d}日${p.h ? ` ${p.h}:${p.mi}` : ''}` : '';
}

function deadlineLine(round) {
  if (!round.deadlinePassed) {
    return round.daysLeft === 0 ? '今天截止' : `距截止还有 ${round.daysLeft} 天`;
  }
  return round.daysLeft === 0 ? '今天已过截止时间' : `已过截止时间 ${-round.daysLeft} 天`;
}

function overdueText(days) {
  return days === 0 ? '当天' : `${days} 天`;
}

// ---- the API ----

function client(api) {
  const base = `${api.cockpitApi}/plugin/${PLUGIN}/${api.engine}`;
  async function call(path, options) {
    const response = await fetch(base + path, Object.assign({ credentials: 'same-origin' }, options));
    const text = await response.text();
    let body = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch (e) {
      body = null;
    }
    if (!response.ok) {
      let message = body && body.message;
      if (response.status === 401) {
        message = '登录已过期，请刷新页面重新登录。';
      } else if (!message) {
        message = `请求失败（${response.status}），请稍后重试。`;
      }
      const error = new Error(message);
      error.status = response.status;
      throw error;
    }
    return body;
  }
  return {
    rounds: () => call('/rounds'),
    round: (id) => call(`/rounds/${encodeURIComponent(id)}`),
    monthlyYears: () => call('/monthly'),
    monthly: (year) => call(`/monthly/${encodeURIComponent(year)}`),
    urge: (id, message) => call(`/rounds/${encodeURIComponent(id)}/urge-late-units`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': api.CSRFToken },
      body: JSON.stringify({ message }),
    }),
  };
}

// ---- pieces of the page ----

function badge(code, label) {
  return el('span', { class: `kp-badge kp-${code}` }, label);
}

function statusChart(statuses, total) {
  const rowHeight = 30;
  const labelWidth = 64;
  const barWidth = 420;
  const width = labelWidth + barWidth + 90;
  const chart = svg('svg', {
    class: 'kp-chart', width, height: statuses.length * rowHeight + 6, viewBox: `0 0 ${width} ${statuses.length * rowHeight + 6}`,
    role: 'img', 'aria-label': '各状态单位数',
  });
  const max = Math.max(1, ...statuses.map((s) => s.count));
  statuses.forEach((s, i) => {
    const y = i * rowHeight + 4;
    chart.appendChild(svg('text', { x: labelWidth - 8, y: y + 17, 'text-anchor': 'end', class: 'kp-chart-label' }, s.label));
    chart.appendChild(svg('rect', { x: labelWidth, y, width: barWidth, height: 22, fill: '#f1f3f5', rx: 3 }));
    const w = Math.round((s.count / max) * barWidth);
    if (w > 0) {
      chart.appendChild(svg('rect', { x: labelWidth, y, width: w, height: 22, fill: STATUS_COLOURS[s.status] || '#666', rx: 3 }));
    }
    const share = total ? Math.round((s.count * 100) / total) : 0;
    chart.appendChild(svg('text', { x: labelWidth + barWidth + 8, y: y + 17, class: 'kp-chart-value' },
      `${s.count} 个（${share}%）`));
  });
  return chart;
}

function statusTable(statuses, total, onPick) {
  return el('table', { class: 'table table-condensed kp-status-table' },
    el('thead', {}, el('tr', {}, el('th', {}, '状态'), el('th', { class: 'kp-num' }, '单位数'), el('th', { class: 'kp-num' }, '占比'))),
    el('tbody', {}, statuses.map((s) => el('tr', {},
      el('td', {}, el('a', { href: '', onclick: (e) => { e.preventDefault(); onPick(s.status); }, title: '在单位列表中只看此状态' },
        badge(s.status, s.label))),
      el('td', { class: 'kp-num' }, s.count),
      el('td', { class: 'kp-num' }, total ? `${Math.round((s.count * 100) / total)}%` : '—')))),
    el('tfoot', {}, el('tr', {}, el('th', {}, '合计'), el('th', { class: 'kp-num' }, total), el('th', {}))));
}

function urgeCell(row) {
  if (!row.urgeCount) {
    return '未催办';
  }
  return `${row.urgeCount} 次（最近 ${shortDateTime(row.lastUrgedAt)}）`;
}

function overdueSection(view, api, reload, outcome) {
  const section = el('section', { class: 'kp-section' });
  const overdue = view.overdue;
  append(section, el('h3', {}, `逾期单位（${overdue.length} 个）`), outcome ? el('div', { class: 'kp-outcome', role: 'status' }, outcome) : null);
  if (!view.round.deadlinePassed) {
    append(section, el('p', { class: 'text-muted' }, '尚未到报送截止时间，暂无逾期单位。'));
    return section;
  }
  if (overdue.length === 0) {
    append(section, el('p', { class: 'text-success' }, '所有单位均已报送，没有逾期单位。'));
    return section;
  }
  append(section, el('table', { class: 'table table-bordered table-condensed kp-overdue' },
    el('thead', {}, el('tr', {}, el('th', {}, '单位'), el('th', {}, '类型'), el('th', {}, '目前进度'),
      el('th', { class: 'kp-num' }, '逾期'), el('th', {}, '催办情况'))),
    el('tbody', {}, overdue.map((row) => el('tr', {},
      el('td', {}, row.name),
      el('td', {}, row.kindLabel),
      el('td', {}, badge(row.stage, row.stageLabel), row.returnedComment ? el('div', { class: 'kp-note' }, `退回意见：${row.returnedComment}`) : null),
      el('td', { class: 'kp-num kp-late-days' }, overdueText(row.daysOverdue)),
      el('td', {}, urgeCell(row)))))));

  const message = el('textarea', {
    class: 'form-control', rows: 2, maxlength: 500,
    placeholder: '催办内容（可不填，默认为：贵单位材料已超过报送截止时间，请尽快完成填报，经主要负责同志审定后报送。）',
  });
  const result = el('div', { class: 'kp-urge-result', role: 'status' });
  const button = el('button', { type: 'button', class: 'btn btn-danger' }, `一键催办全部逾期单位（${overdue.length} 个）`);
  // Cockpit's sandbox blocks window.confirm, so the confirmation is part of the page.
  const confirmBox = el('div', { class: 'kp-confirm', role: 'alertdialog', 'aria-label': '确认催办' });
  confirmBox.hidden = true;
  const send = el('button', { type: 'button', class: 'btn btn-danger' }, '确定催办');
  const cancel = el('button', { type: 'button', class: 'btn btn-default' }, '取消');
  append(confirmBox,
    el('p', {}, el('strong', {}, `将向以下 ${overdue.length} 个逾期单位发送催办`), '（在其待办任务上留言，并向该单位发送邮件）：'),
    el('p', { class: 'kp-confirm-names' }, overdue.map((row) => row.name).join('、')),
    el('div', { class: 'kp-urge-actions' }, send, cancel));
  button.addEventListener('click', () => {
    clear(result);
    confirmBox.hidden = false;
    button.disabled = true;
    send.focus();
  });
  cancel.addEventListener('click', () => {
    confirmBox.hidden = true;
    button.disabled = false;
  });
  send.addEventListener('click', async () => {
    send.disabled = true;
    cancel.disabled = true;
    try {
      const answer = await client(api).urge(view.round.roundId, message.value);
      // skipped units grouped by reason: after a double click all of them share one
      const reasons = {};
      answer.skipped.forEach((s) => { (reasons[s.reason] = reasons[s.reason] || []).push(s.name); });
      const done = el('div', { class: `alert ${answer.urged ? 'alert-success' : 'alert-warning'}` },
        el('div', {}, `已催办 ${answer.urged} 个单位。`),
        Object.keys(reasons).map((reason) => el('div', {},
          `未催办 ${reasons[reason].length} 个（${reason}）：${reasons[reason].join('、')}。`)));
      await reload(done);
    } catch (error) {
      confirmBox.hidden = true;
      button.disabled = false;
      send.disabled = false;
      cancel.disabled = false;
      append(result, el('div', { class: 'alert alert-danger' }, error.message));
    }
  });
  append(section, el('div', { class: 'kp-urge' },
    el('label', {}, '一键催办'),
    message,
    el('div', { class: 'kp-urge-actions' }, button,
      el('span', { class: 'text-muted' }, '10 分钟内已催办过的单位不会重复催办。')),
    confirmBox,
    result));
  return section;
}

function unitsSection(view, filter) {
  const section = el('section', { class: 'kp-section' });
  const select = el('select', { class: 'form-control input-sm kp-filter', 'aria-label': '按状态筛选' },
    el('option', { value: '' }, '全部状态'),
    view.statuses.map((s) => el('option', { value: s.status, selected: s.status === filter.status }, `${s.label}（${s.count}）`)));
  const body = el('tbody');
  function fill() {
    clear(body);
    const rows = view.units.filter((row) => !filter.status || row.status === filter.status);
    if (rows.length === 0) {
      append(body, el('tr', {}, el('td', { colspan: 6, class: 'text-muted' }, '没有该状态的单位。')));
    }
    rows.forEach((row) => append(body, el('tr', {},
      el('td', {}, row.name),
      el('td', {}, row.kindLabel),
      el('td', {}, badge(row.status, row.statusLabel),
        row.status === 'late' ? el('span', { class: 'kp-stage' }, `（${row.stageLabel}，逾期${overdueText(row.daysOverdue)}）`) : null),
      el('td', {}, row.submittedAt ? `${chineseDateTime(row.submittedAt)}${row.version > 1 ? `（第${row.version}次）` : ''}` : '—',
        row.submittedLate ? el('span', { class: 'kp-badge kp-late kp-small' }, '逾期报送') : null),
      el('td', {}, row.returnedComment ? `退回意见：${row.returnedComment}` : (row.assignee ? `办理人：${row.assignee}` : '')),
      el('td', {}, urgeCell(row)))));
  }
  select.addEventListener('change', () => {
    filter.status = select.value;
    fill();
  });
  fill();
  append(section,
    el('div', { class: 'kp-section-head' }, el('h3', {}, `全部单位（${view.units.length} 个）`), select),
    el('table', { class: 'table table-bordered table-condensed kp-units' },
      el('thead', {}, el('tr', {}, el('th', {}, '单位'), el('th', {}, '类型'), el('th', {}, '状态'),
        el('th', {}, '报送时间'), el('th', {}, '说明'), el('th', {}, '催办情况'))),
      body));
  section.selectStatus = (status) => {
    filter.status = status;
    select.value = status;
    fill();
    section.scrollIntoView({ behavior: 'smooth' });
  };
  return section;
}

function progressBar(done, total) {
  const share = total ? Math.round((done * 100) / total) : 0;
  return el('div', { class: 'kp-progress', title: `${done}/${total}` },
    // more than required (stationing days above the minimum) fills the bar, never beyond it
    el('div', { class: 'kp-progress-bar', style: `width:${Math.min(100, share)}%` }),
    el('span', {}, `${done} / ${total}`));
}

function reviewSection(review) {
  const section = el('section', { class: 'kp-section' });
  append(section, el('h3', {}, '指标评价进度'),
    el('p', { class: 'text-muted' }, `参加考核单位 ${review.assessedUnits} 个`,
      review.deadline ? `；评价截止：${chineseDateTime(review.deadline)}` : ''));
  if (!review.areas.length) {
    append(section, el('p', { class: 'text-muted' }, '本轮考核目录中没有考核项目。'));
    return section;
  }
  append(section, el('div', { class: 'kp-columns' },
    el('div', { class: 'kp-column-wide' },
      el('h4', {}, '按考核项目'),
      el('table', { class: 'table table-bordered table-condensed' },
        el('thead', {}, el('tr', {}, el('th', {}, '考核项目'), el('th', {}, '牵头部门'), el('th', {}, '状态'),
          el('th', {}, '已评价单位'), el('th', {}, '配合部门意见'))),
        el('tbody', {}, review.areas.map((area) => el('tr', {},
          el('td', {}, area.name),
          el('td', {}, area.leadDepartmentName || '—'),
          el('td', {}, badge(`area-${area.status}`, area.statusLabel)),
          el('td', {}, progressBar(area.reviewed, area.total)),
          el('td', {}, area.cooperating === 0 ? '无配合部门'
            : area.status === 'inReview' ? (area.opinionsPending ? `${area.opinionsPending}/${area.cooperating} 个未反馈` : '已全部反馈')
              : area.status === 'done' ? '已完成' : '—')))))),
    el('div', { class: 'kp-column' },
      el('h4', {}, '按牵头部门'),
      el('table', { class: 'table table-bordered table-condensed' },
        el('thead', {}, el('tr', {}, el('th', {}, '牵头部门'), el('th', {}, '完成项目'), el('th', {}, '已评价单位'))),
        el('tbody', {}, review.departments.map((d) => el('tr', {},
          el('td', {}, d.name || d.code),
          el('td', {}, `${d.areasDone} / ${d.areas}`),
          el('td', {}, progressBar(d.reviewed, d.total)))))))));
  return section;
}

function gradesSection(grades) {
  const section = el('section', { class: 'kp-section' });
  append(section, el('h3', {}, '考核等次分布'));
  if (!grades) {
    append(section, el('p', { class: 'text-muted' }, '考核结果汇总后在此显示各等次单位数。'));
    return section;
  }
  const max = Math.max(1, ...grades.grades.map((g) => g.count));
  append(section,
    el('p', { class: 'text-muted' }, `共 ${grades.total} 个单位；汇总时间：${chineseDateTime(grades.computedAt)}`),
    el('table', { class: 'table table-bordered table-condensed kp-grades' },
      el('thead', {}, el('tr', {}, el('th', {}, '单位类型'), grades.grades.map((g) => el('th', { class: 'kp-num' }, g.label)),
        el('th', { class: 'kp-num' }, '合计'))),
      el('tbody', {},
        grades.byKind.map((k) => el('tr', {}, el('td', {}, k.kindLabel),
          k.grades.map((g) => el('td', { class: 'kp-num' }, g.count)), el('td', { class: 'kp-num' }, k.total))),
        el('tr', { class: 'kp-total' }, el('th', {}, '合计'), grades.grades.map((g) => el('th', { class: 'kp-num' }, g.count)),
          el('th', { class: 'kp-num' }, grades.total)))),
    el('div', { class: 'kp-grade-bars' }, grades.grades.map((g) => el('div', { class: 'kp-grade-bar' },
      el('span', { class: 'kp-grade-label' }, g.label),
      el('span', { class: 'kp-grade-fill', style: `width:${Math.round((g.count / max) * 300)}px` }),
      el('span', {}, `${g.count} 个`)))));
  return section;
}

// ---- the monthly cycles (重点工作推进, 驻点工作): GET /monthly and /monthly/{year} ----

function monthDeadlineLine(item) {
  return deadlineLine({ deadlinePassed: item.deadlinePassed, daysLeft: item.daysLeft });
}

function timeOf(iso) {
  const p = parts(iso);
  return p && p.h ? ` ${p.h}:${p.mi}` : '';
}

function countOf(item, status) {
  const found = item.counts.find((c) => c.status === status);
  return found ? found.count : 0;
}

function countCell(item, status) {
  const n = countOf(item, status);
  return el('td', { class: `kp-num ${n && (status === 'overdue' || status === 'missing') ? 'kp-late-days' : ''}` }, n);
}

function monthTable(headers, rows, selected, onPick) {
  return el('table', { class: 'table table-bordered table-condensed kp-months' },
    el('thead', {}, el('tr', {}, headers.map((h) => el('th', { class: h.num ? 'kp-num' : null }, h.label)))),
    el('tbody', {}, rows.map((row) => {
      const tr = el('tr', { class: row.month === selected ? 'kp-selected' : null, title: '点击查看该月详情' }, row.cells);
      tr.addEventListener('click', () => onPick(row.month));
      return tr;
    })));
}

function lineList(lines) {
  if (!lines.length) {
    return '—';
  }
  return el('div', { class: 'kp-lines' }, lines.map((l) => el('div', {}, `${l.number}. ${l.title}`)));
}

function progressPane(progress, state, rerender) {
  const pane = el('div');
  append(pane, el('p', { class: 'text-muted' },
    `每月 ${progress.opensOnDay} 日开启当月重点工作推进情况报送，次月 ${progress.dueDayOfNextMonth} 日前报送；`
    + `本年度重点工作共 ${progress.lines} 项。`));
  if (!progress.months.length) {
    append(pane, el('p', { class: 'text-muted' }, '本年度尚未开启重点工作推进报送。'));
    return pane;
  }
  const months = progress.months.slice().reverse();
  const selected = months.find((m) => m.month === state.progressMonth) || months[0];
  append(pane, el('section', { class: 'kp-section' }, el('h3', {}, '各月报送情况'),
    monthTable([{ label: '月份' }, { label: '状态' }, { label: '报送截止' }, { label: '截止情况' },
      { label: '已报送', num: true }, { label: '逾期报送', num: true }, { label: '未报送', num: true },
      { label: '逾期未报', num: true }, { label: '未报送（已汇编）', num: true }, { label: '已报事项' }],
    months.map((m) => ({
      month: m.month,
      cells: [el('td', {}, `${m.month}月`), el('td', {}, badge(`month-${m.status}`, m.statusLabel)),
        el('td', {}, chineseDateTime(m.deadline)),
        el('td', { class: m.deadlinePassed && m.status === 'open' ? 'kp-late-days' : null },
          m.status === 'open' ? monthDeadlineLine(m) : '—'),
        countCell(m, 'submitted'), countCell(m, 'submittedLate'), countCell(m, 'open'), countCell(m, 'overdue'),
        countCell(m, 'missing'), el('td', {}, progressBar(m.linesReported, m.linesTotal))],
    })), selected.month, (month) => { state.progressMonth = month; rerender(); })));

  const m = selected;
  append(pane, el('div', { class: `kp-summary ${m.deadlinePassed && m.status === 'open' ? 'kp-summary-passed' : ''}` },
    el('div', { class: 'kp-title' }, m.title, ' ', badge(`month-${m.status}`, m.statusLabel)),
    el('div', { class: 'kp-facts' },
      el('div', {}, el('span', { class: 'kp-fact-label' }, '报送截止'), `${chineseDate(m.deadline)}${timeOf(m.deadline)}`),
      m.status === 'open' ? el('div', { class: 'kp-deadline' }, monthDeadlineLine(m)) : null,
      el('div', {}, el('span', { class: 'kp-fact-label' }, '已报事项'), `${m.linesReported} / ${m.linesTotal} 项`),
      m.compiledAt ? el('div', {}, el('span', { class: 'kp-fact-label' }, '汇编时间'), chineseDateTime(m.compiledAt)) : null,
      m.approvedAt ? el('div', {}, el('span', { class: 'kp-fact-label' }, '审定时间'), chineseDateTime(m.approvedAt)) : null)));
  append(pane, el('section', { class: 'kp-section' },
    el('div', { class: 'kp-columns' },
      el('div', { class: 'kp-column-wide' },
        el('h4', {}, `各部门报送情况（${m.departments.length} 个部门）`),
        el('table', { class: 'table table-bordered table-condensed' },
          el('thead', {}, el('tr', {}, el('th', {}, '部门'), el('th', {}, '状态'), el('th', {}, '报送时间'),
            el('th', { class: 'kp-num' }, '负责事项'), el('th', {}, '未报事项'))),
          el('tbody', {}, m.departments.map((d) => el('tr', {},
            el('td', {}, d.name),
            el('td', {}, badge(d.status, d.statusLabel),
              d.daysOverdue !== null && d.daysOverdue !== undefined
                ? el('span', { class: 'kp-stage' }, `（逾期${overdueText(d.daysOverdue)}）`) : null),
            el('td', {}, d.submittedAt ? chineseDateTime(d.submittedAt) : '—'),
            el('td', { class: 'kp-num' }, `${d.lines} 项`),
            el('td', {}, lineList(d.missingLines))))))),
      el('div', { class: 'kp-column' },
        el('h4', {}, `未报送的重点工作（${m.missingLines.length} 项）`),
        m.missingLines.length ? lineList(m.missingLines) : el('p', { class: 'text-success' }, '各项重点工作均已报送。')))));
  return pane;
}

function stationingPane(st, state, rerender) {
  const pane = el('div');
  append(pane, el('p', { class: 'text-muted' },
    `${st.firstMonth}月至${st.lastMonth}月，每个部门每月驻点至少 ${st.minDaysPerDepartmentPerMonth} 个整天，`
    + `每名驻点干部全年累计至少 ${st.minDaysPerCadrePerYear} 个整天；月报于当月底前报送${st.reportsToName}。`));
  const started = st.months.filter((m) => m.started);
  const selected = st.months.find((m) => m.month === state.stationingMonth)
    || started[started.length - 1] || st.months[0];
  const shortOf = (m) => m.departments.filter((d) => d.status === 'short').length;
  const pendingOf = (m) => m.departments.filter((d) => d.status === 'pending').length;
  append(pane, el('section', { class: 'kp-section' }, el('h3', {}, '各月驻点月报与驻点天数'),
    monthTable([{ label: '月份' }, { label: '报送截止' }, { label: '截止情况' }, { label: '已报送', num: true },
      { label: '逾期报送', num: true }, { label: '未报送', num: true }, { label: '逾期未报', num: true },
      { label: '未开启', num: true }, { label: '驻点天数' }],
    st.months.slice().reverse().map((m) => ({
      month: m.month,
      cells: [el('td', {}, `${m.month}月`), el('td', {}, chineseDateTime(m.deadline)),
        el('td', { class: m.deadlinePassed && countOf(m, 'overdue') ? 'kp-late-days' : null },
          !m.started ? '未开始' : m.deadlinePassed && !countOf(m, 'overdue') ? '已截止' : monthDeadlineLine(m)),
        countCell(m, 'submitted'), countCell(m, 'submittedLate'), countCell(m, 'open'), countCell(m, 'overdue'),
        countCell(m, 'notOpened'),
        el('td', { class: shortOf(m) ? 'kp-late-days' : null }, !m.started ? '—'
          : shortOf(m) ? `${shortOf(m)} 个部门未达标` : pendingOf(m) ? `${pendingOf(m)} 个部门尚未达到` : '均已达标')],
    })), selected.month, (month) => { state.stationingMonth = month; rerender(); })));

  const m = selected;
  append(pane, el('div', { class: `kp-summary ${m.deadlinePassed && countOf(m, 'overdue') ? 'kp-summary-passed' : ''}` },
    el('div', { class: 'kp-title' }, m.title),
    el('div', { class: 'kp-facts' },
      el('div', {}, el('span', { class: 'kp-fact-label' }, '报送截止'), `${chineseDate(m.deadline)}${timeOf(m.deadline)}`),
      !m.started ? el('div', {}, '尚未开始')
        : el('div', { class: 'kp-deadline' }, m.deadlinePassed && !countOf(m, 'overdue') ? '已截止' : monthDeadlineLine(m)),
      el('div', {}, el('span', { class: 'kp-fact-label' }, '已报送'), `${countOf(m, 'submitted') + countOf(m, 'submittedLate')} / ${m.reports.length} 份`),
      countOf(m, 'overdue') ? el('div', { class: 'kp-late-count' }, el('span', { class: 'kp-fact-label' }, '逾期未报'), `${countOf(m, 'overdue')} 份`) : null)));
  append(pane, el('section', { class: 'kp-section' }, el('div', { class: 'kp-columns' },
    el('div', { class: 'kp-column-wide' },
      el('h4', {}, '驻点月报（部门 × 驻点城市）'),
      el('table', { class: 'table table-bordered table-condensed' },
        el('thead', {}, el('tr', {}, el('th', {}, '部门'), el('th', {}, '驻点城市'), el('th', {}, '状态'), el('th', {}, '报送时间'))),
        el('tbody', {}, m.reports.map((r) => el('tr', {},
          el('td', {}, r.departmentName), el('td', {}, r.cityName),
          el('td', {}, badge(r.status, r.statusLabel),
            r.daysOverdue !== null && r.daysOverdue !== undefined ? el('span', { class: 'kp-stage' }, `（逾期${overdueText(r.daysOverdue)}）`) : null),
          el('td', {}, r.submittedAt ? chineseDateTime(r.submittedAt) : '—')))))),
    el('div', { class: 'kp-column' },
      el('h4', {}, `各部门驻点天数（每月至少 ${st.minDaysPerDepartmentPerMonth} 个整天）`),
      el('table', { class: 'table table-bordered table-condensed' },
        el('thead', {}, el('tr', {}, el('th', {}, '部门'), el('th', {}, '驻点天数'), el('th', {}, '情况'))),
        el('tbody', {}, m.departments.map((d) => el('tr', {},
          el('td', {}, d.name), el('td', {}, progressBar(d.days, d.required)),
          el('td', {}, badge(`days-${d.status}`, d.label))))))))));

  append(pane, el('section', { class: 'kp-section' },
    el('h3', {}, `驻点干部全年天数（全年至少 ${st.minDaysPerCadrePerYear} 个整天）`),
    el('p', { class: 'text-muted' }, st.yearEnded ? `驻点期已于${chineseDate(st.yearEnd)}结束。`
      : `驻点期至${chineseDate(st.yearEnd)}结束，结束前未满天数的显示“尚差 N 天”。`),
    st.cadres.length ? el('table', { class: 'table table-bordered table-condensed kp-cadres' },
      el('thead', {}, el('tr', {}, el('th', {}, '干部'), el('th', {}, '部门'), el('th', {}, '全年驻点天数'),
        el('th', {}, '情况'), el('th', {}, '最近驻点'))),
      el('tbody', {}, st.cadres.map((c) => el('tr', {},
        el('td', {}, c.cadre), el('td', {}, c.departmentName), el('td', {}, progressBar(c.days, c.required)),
        el('td', {}, badge(`days-${c.status}`, c.label)), el('td', {}, c.lastDay ? chineseDate(c.lastDay) : '—')))))
      : el('p', { class: 'text-muted' }, '本年度尚无驻点记录。')));

  append(pane, el('section', { class: 'kp-section' },
    el('h3', {}, `已发现的驻点天数不足（${st.shortfalls.length} 条）`),
    st.shortfalls.length ? el('table', { class: 'table table-bordered table-condensed' },
      el('thead', {}, el('tr', {}, el('th', {}, '月份'), el('th', {}, '类型'), el('th', {}, '部门'), el('th', {}, '干部'),
        el('th', { class: 'kp-num' }, '天数 / 要求'), el('th', {}, '发现时间'))),
      el('tbody', {}, st.shortfalls.map((s) => el('tr', {},
        el('td', {}, s.kind === 'cadre-year' ? '全年' : `${s.month}月`), el('td', {}, s.kindLabel),
        el('td', {}, s.departmentName), el('td', {}, s.cadre || '—'),
        el('td', { class: 'kp-num kp-late-days' }, `${s.days} / ${s.requiredDays} 天`),
        el('td', {}, chineseDateTime(s.foundAt))))))
      : el('p', { class: 'text-muted' }, '暂无。')));

  append(pane, el('section', { class: 'kp-section' },
    el('h3', {}, '年度材料（驻点工作实施方案、联系服务青年工作项目报告、党团课材料）'),
    st.filings.length ? el('table', { class: 'table table-bordered table-condensed' },
      el('thead', {}, el('tr', {}, el('th', {}, '材料'), el('th', {}, '报送单位'), el('th', {}, '报送至'),
        el('th', {}, '截止时间'), el('th', {}, '状态'), el('th', {}, '报送时间'))),
      el('tbody', {}, st.filings.map((f) => el('tr', {},
        el('td', {}, f.kindLabel), el('td', {}, f.unitName), el('td', {}, f.receivingDepartmentName),
        el('td', {}, chineseDate(f.deadline),
          f.status === 'open' ? el('div', { class: `kp-note ${f.deadlinePassed ? 'kp-late-days' : ''}` }, monthDeadlineLine(f)) : null),
        el('td', {}, badge(f.status, f.statusLabel)),
        el('td', {}, f.submittedAt ? chineseDateTime(f.submittedAt) : '—')))))
      : el('p', { class: 'text-muted' }, '本年度尚未开启年度材料报送。')));
  return pane;
}

// Tabs: the yearly round as before, and the two monthly cycles of a chosen year, loaded when first opened.
// The tabs sit beside the page's title, so the yearly round's page keeps its height.
function monthlyTabs(api, header, yearly) {
  const wrapper = el('div');
  const bar = el('ul', { class: 'nav nav-tabs kp-tabs', role: 'tablist' });
  const monthly = el('div', { role: 'tabpanel' });
  monthly.hidden = true;
  const state = { tab: 'yearly', year: null, years: null, view: null, progressMonth: null, stationingMonth: null };
  const tabs = [['yearly', '年度考核'], ['progress', '重点工作推进'], ['stationing', '驻点工作']];
  const items = {};
  tabs.forEach(([key, label]) => {
    const link = el('a', { href: '', role: 'tab' }, label);
    link.addEventListener('click', (e) => { e.preventDefault(); select(key); });
    items[key] = el('li', { class: key === 'yearly' ? 'active' : null }, link);
    bar.appendChild(items[key]);
  });
  append(header, bar);
  append(wrapper, header, yearly, monthly);

  function render() {
    clear(monthly);
    if (!state.years) {
      append(monthly, el('p', { class: 'text-muted' }, '正在载入……'));
      return;
    }
    const select = el('select', { class: 'form-control', 'aria-label': '年度' },
      state.years.years.map((y) => el('option', { value: y, selected: y === state.year }, `${y}年`)));
    const refresh = el('button', { type: 'button', class: 'btn btn-default' }, '刷新');
    select.addEventListener('change', () => load(+select.value));
    refresh.addEventListener('click', () => load(state.year));
    append(monthly, el('div', { class: 'kp-picker' }, el('label', {}, '年度'), select, refresh));
    if (state.error) {
      append(monthly, el('div', { class: 'alert alert-danger' }, state.error));
      return;
    }
    if (!state.view) {
      append(monthly, el('p', { class: 'text-muted' }, '正在载入……'));
      return;
    }
    const part = state.view[state.tab];
    if (!part) {
      append(monthly, el('p', { class: 'text-muted' }, state.tab === 'progress'
        ? '本组织未开展重点工作月度推进报送。' : '本组织未开展驻点工作。'));
      return;
    }
    append(monthly, state.tab === 'progress' ? progressPane(part, state, render) : stationingPane(part, state, render),
      el('div', { class: 'text-muted kp-today' }, `统计时间：${chineseDate(state.view.today)}`));
  }

  async function load(year) {
    state.year = year;
    state.view = null;
    state.error = null;
    render();
    try {
      state.view = await client(api).monthly(year);
    } catch (error) {
      state.error = error.message;
    }
    render();
  }

  async function select(key) {
    state.tab = key;
    Object.entries(items).forEach(([k, li]) => li.classList.toggle('active', k === key));
    yearly.hidden = key !== 'yearly';
    monthly.hidden = key === 'yearly';
    if (key === 'yearly') {
      return;
    }
    if (!state.years) {
      render();
      try {
        state.years = await client(api).monthlyYears();
      } catch (error) {
        clear(monthly);
        append(monthly, el('div', { class: 'alert alert-danger' }, error.message));
        return;
      }
      await load(state.years.currentYear);
      return;
    }
    render();
  }
  return wrapper;
}

// ---- the page ----

function renderPage(node, api) {
  clear(node);
  const root = el('div', { class: 'kaohe-progress' });
  node.appendChild(root);
  const header = el('div', { class: 'kp-header' }, el('h2', {}, '考核进度'));
  const picker = el('div', { class: 'kp-picker' });
  const content = el('div', {}, el('p', { class: 'text-muted' }, '正在载入……'));
  const yearly = el('div', { role: 'tabpanel' }, picker, content);
  append(root, monthlyTabs(api, header, yearly));
  const state = { roundId: null, filter: { status: '' } };

  async function show(roundId, notice) {
    state.roundId = roundId;
    let view;
    try {
      view = await client(api).round(roundId);
    } catch (error) {
      clear(content);
      append(content, el('div', { class: 'alert alert-danger' }, error.message));
      return;
    }
    clear(content);
    const round = view.round;
    const total = view.units.length;
    const late = view.statuses.find((s) => s.status === 'late');
    const units = unitsSection(view, state.filter);
    append(content,
      el('div', { class: `kp-summary ${round.deadlinePassed ? 'kp-summary-passed' : ''}` },
        el('div', { class: 'kp-title' }, round.title),
        el('div', { class: 'kp-facts' },
          el('div', {}, el('span', { class: 'kp-fact-label' }, '报送截止'), `${chineseDate(round.deadline)} ${parts(round.deadline).h}:${parts(round.deadline).mi}`),
          el('div', { class: 'kp-deadline' }, deadlineLine(round)),
          el('div', {}, el('span', { class: 'kp-fact-label' }, '参加单位'), `${total} 个`),
          el('div', {}, el('span', { class: 'kp-fact-label' }, '已报送'), `${view.statuses.find((s) => s.status === 'submitted').count} 个`),
          round.deadlinePassed ? el('div', { class: 'kp-late-count' }, el('span', { class: 'kp-fact-label' }, '已逾期'), `${late.count} 个`) : null),
        el('div', { class: 'text-muted kp-today' }, `统计时间：${chineseDate(view.today)}`, round.active ? '' : '（本轮考核已结束）')),
      el('section', { class: 'kp-section' }, el('h3', {}, '报送情况'),
        el('div', { class: 'kp-columns' },
          el('div', { class: 'kp-column' }, statusChart(view.statuses, total)),
          el('div', { class: 'kp-column' }, statusTable(view.statuses, total, (status) => units.selectStatus(status))))),
      overdueSection(view, api, async (done) => show(roundId, done), notice),
      units,
      reviewSection(view.review),
      gradesSection(view.grades));
    const shown = content.querySelector('.kp-outcome');
    if (shown) {
      shown.scrollIntoView({ block: 'center' });
    }
  }

  client(api).rounds().then((rounds) => {
    clear(content);
    if (!rounds.length) {
      append(content, el('p', { class: 'text-muted' }, '还没有发布的考核轮次。'));
      return;
    }
    const select = el('select', { class: 'form-control', 'aria-label': '考核轮次' },
      rounds.map((r) => el('option', { value: r.roundId }, `${r.year}年度　${r.title}${r.active ? '' : '（已结束）'}`)));
    const refresh = el('button', { type: 'button', class: 'btn btn-default' }, '刷新');
    select.addEventListener('change', () => show(select.value));
    refresh.addEventListener('click', () => show(select.value));
    append(picker, el('label', {}, '考核轮次'), select, refresh);
    show(rounds[0].roundId);
  }).catch((error) => {
    clear(content);
    append(content, el('div', { class: 'alert alert-danger' }, error.message));
  });
}

function renderCard(node, api) {
  clear(node);
  const card = el('div', { class: 'kaohe-progress kp-card' });
  const api2 = client(api);
  api2.rounds().then(async (rounds) => {
    if (!rounds.length) {
      return;
    }
    const view = await api2.round(rounds[0].roundId);
    const count = (status) => view.statuses.find((s) => s.status === status).count;
    append(card,
      el('h3', {}, '考核进度'),
      el('div', { class: 'kp-card-title' }, view.round.title),
      el('div', { class: 'kp-card-facts' },
        el('span', {}, `报送截止 ${chineseDateTime(view.round.deadline)}，${deadlineLine(view.round)}`),
        el('span', {}, `已报送 ${count('submitted')} / ${view.units.length}`),
        view.round.deadlinePassed ? el('span', { class: 'kp-late-count' }, `已逾期 ${count('late')} 个`) : null),
      el('a', { href: `#${ROUTE}`, class: 'btn btn-default btn-sm' }, '查看考核进度 →'));
    node.appendChild(card);
  }).catch(() => {
    // Not the office or a supervisor: the dashboard is not theirs, the card stays away.
  });
}

export default [
  {
    id: 'kaohe-progress-page',
    pluginPoint: 'cockpit.route',
    priority: 0,
    properties: { path: ROUTE, label: '考核进度' },
    render: (node, { api }) => renderPage(node, api),
  },
  {
    id: 'kaohe-progress-navigation',
    pluginPoint: 'cockpit.navigation',
    priority: 100,
    properties: {
      path: ROUTE,
      label: '考核进度',
      checkActive: (path) => path.indexOf(`#${ROUTE}`) > -1,
    },
    render: (node) => {
      clear(node);
      node.appendChild(el('a', { href: `#${ROUTE}`, class: 'kp-nav-link' }, '考核进度'));
    },
  },
  {
    id: 'kaohe-progress-card',
    pluginPoint: 'cockpit.dashboard',
    priority: 100,
    render: (node, { api }) => renderCard(node, api),
  },
];
