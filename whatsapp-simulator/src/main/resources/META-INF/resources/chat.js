/*
 * The citizen's chat page of the WhatsApp simulator.
 *
 * Reads GET /simulator/conversations/{citizen} every second (both directions, with delivery statuses)
 * and turns what the citizen does into POST /simulator/citizens/{citizen}/messages, which the
 * simulator posts to the gateway as Meta's signed webhook. Media are shown through
 * GET /simulator/media/{id}. An order_details message is a card whose "Review and pay" dialog pays through
 * POST /simulator/citizens/{citizen}/payments; the card follows the order from the conversation's "orders".
 * Plain DOM: every text from a message is set with textContent or as a text node, never parsed as HTML.
 */
(function () {
  'use strict';

  var POLL_MS = 1000;
  var HIDDEN_POLL_MS = 5000;
  var RECENT_KEY = 'seva.simulator.recentCitizens';
  var NAMES_KEY = 'seva.simulator.profileNames';
  var MAX_RECENT = 6;
  var CITIZEN = /^(?:[0-9]{6,20}|[A-Z]{2}\.[A-Za-z0-9]{1,120})$/;
  /** What the attach button takes, and as which kind of message. */
  var ATTACHABLE = { 'image/jpeg': 'image', 'image/png': 'image', 'application/pdf': 'document' };
  /** Meta takes images up to 5 MB; documents up to 100 MB, but base64 in JSON must fit the simulator's 110 MB body. */
  var MAX_BYTES = { image: 5 * 1024 * 1024, document: 75 * 1024 * 1024 };
  var STATUS_LABELS = {
    accepted: 'Accepted by the simulator, not sent yet',
    sent: 'Sent',
    delivered: 'Delivered',
    read: 'Read',
    failed: 'Not delivered'
  };
  var TICKS = { accepted: '', sent: '\u2713', delivered: '\u2713\u2713', read: '\u2713\u2713', failed: '!' };
  /** What an order_status message says the order became. */
  var ORDER_STATUS_LABELS = {
    pending: 'pending', processing: 'processing', partially_shipped: 'partially shipped', 'partially-shipped': 'partially shipped',
    shipped: 'shipped', completed: 'completed', canceled: 'canceled'
  };
  var UPI_APP_NAMES = { gpay: 'GPay', phonepe: 'PhonePe', paytm: 'Paytm', bhim: 'BHIM' };

  var $ = function (id) { return document.getElementById(id); };
  var ui = {};
  var state = {
    citizen: null,
    generation: 0,
    rendered: [],          // [{wamid, sig, node, summary, direction}] in the order shown
    byWamid: new Map(),
    lastDay: null,
    lastDirection: null,
    pollTimer: null,
    inFlight: false,
    pollAgain: false,
    abort: null,
    online: null,
    stick: true,
    unseen: 0,
    errorKind: null,
    orders: {},
    business: { name: 'Seva', displayPhoneNumber: '15550783881' }
  };

  // ------------------------------------------------------------------ DOM helpers

  /** Creates an element: props {class, text, dataset, attrs, on}; children are nodes or strings (text nodes). */
  function h(tag, props, children) {
    var node = document.createElement(tag);
    props = props || {};
    if (props['class']) node.className = props['class'];
    if (props.text != null) node.textContent = String(props.text);
    if (props.dataset) {
      Object.keys(props.dataset).forEach(function (k) {
        if (props.dataset[k] != null) node.dataset[k] = String(props.dataset[k]);
      });
    }
    if (props.attrs) {
      Object.keys(props.attrs).forEach(function (k) {
        if (props.attrs[k] != null && props.attrs[k] !== false) node.setAttribute(k, String(props.attrs[k]));
      });
    }
    if (props.on) {
      Object.keys(props.on).forEach(function (k) { node.addEventListener(k, props.on[k]); });
    }
    append(node, children);
    return node;
  }

  function append(node, children) {
    if (children == null) return node;
    (Array.isArray(children) ? children : [children]).forEach(function (c) {
      if (c == null || c === false) return;
      if (Array.isArray(c)) append(node, c);
      else node.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    });
    return node;
  }

  /** An absolute http(s) URL, or null: no javascript:, data: or other schemes ever reach an href. */
  function safeUrl(url) {
    if (typeof url !== 'string' || !url) return null;
    try {
      var parsed = new URL(url, window.location.href);
      return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
    } catch (e) {
      return null;
    }
  }

  var SVG = 'http://www.w3.org/2000/svg';
  var PIN = 'M12 2a7 7 0 0 0-7 7c0 5.2 7 13 7 13s7-7.8 7-13a7 7 0 0 0-7-7zm0 9.5A2.5 2.5 0 1 1 12 6.5a2.5 2.5 0 0 1 0 5z';
  var CLOCK = 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 18a8 8 0 1 1 0-16 8 8 0 0 1 0 16zm.5-13H11v6l5.2 3.1.8-1.2-4.5-2.7z';

  /** A decorative icon from one of the paths above (no markup parsed). */
  function svgIcon(path, size, className) {
    var svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('width', String(size));
    svg.setAttribute('height', String(size));
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    if (className) svg.setAttribute('class', className);
    var p = document.createElementNS(SVG, 'path');
    p.setAttribute('fill', 'currentColor');
    p.setAttribute('d', path);
    svg.appendChild(p);
    return svg;
  }

  function mediaUrl(id) {
    return '/simulator/media/' + encodeURIComponent(id);
  }

  // ------------------------------------------------------------------ WhatsApp formatting

  var WORD = /[\p{L}\p{N}\p{M}]/u;
  var MARKS = { '*': 'strong', '_': 'em', '~': 's', '`': 'code' };

  /** Appends text with WhatsApp's formatting (*bold*, _italic_, ~strike~, `code`, ```mono```) and links. */
  function formatInto(parent, text) {
    var parts = String(text == null ? '' : text).split(/```([\s\S]+?)```/);
    parts.forEach(function (part, i) {
      if (i % 2 === 1) parent.appendChild(h('code', { 'class': 'mono', text: part }));
      else formatInline(parent, part);
    });
    return parent;
  }

  function isBoundary(c) {
    return c === undefined || !WORD.test(c);
  }

  function formatInline(parent, text) {
    var plain = '';
    var i = 0;
    while (i < text.length) {
      var c = text[i];
      var tag = MARKS[c];
      if (tag && isBoundary(text[i - 1]) && text[i + 1] !== undefined && !/\s/.test(text[i + 1]) && text[i + 1] !== c) {
        var end = closing(text, i, c);
        if (end > 0) {
          linkify(parent, plain);
          plain = '';
          var inner = text.slice(i + 1, end);
          var node = document.createElement(tag);
          if (tag === 'code') node.textContent = inner;
          else formatInline(node, inner);
          parent.appendChild(node);
          i = end + 1;
          continue;
        }
      }
      plain += c;
      i++;
    }
    linkify(parent, plain);
  }

  /** The index of the marker closing the one at {@code start} on the same line, or -1. */
  function closing(text, start, mark) {
    for (var j = start + 2; j < text.length; j++) {
      if (text[j] === '\n') return -1;
      if (text[j] === mark && !/\s/.test(text[j - 1]) && isBoundary(text[j + 1])) return j;
    }
    return -1;
  }

  function linkify(parent, text) {
    if (!text) return;
    var re = /\bhttps?:\/\/[^\s<>"]+/gi;
    var last = 0;
    var match;
    while ((match = re.exec(text)) !== null) {
      var url = match[0].replace(/[.,;:!?)\]'}]+$/, '');
      var href = safeUrl(url);
      if (!href) continue;
      parent.appendChild(document.createTextNode(text.slice(last, match.index)));
      var a = h('a', { text: url, attrs: { target: '_blank', rel: 'noopener noreferrer' } });
      a.href = href;
      parent.appendChild(a);
      last = match.index + url.length;
      re.lastIndex = last;
    }
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  // ------------------------------------------------------------------ numbers, times, names

  function displayNumber(id) {
    if (!id) return '';
    if (!/^[0-9]+$/.test(id)) return id;
    if (id.length === 12 && id.indexOf('91') === 0) return '+91 ' + id.slice(2, 7) + ' ' + id.slice(7);
    if (id.length === 11 && id[0] === '1') return '+1 ' + id.slice(1, 4) + '-' + id.slice(4, 7) + '-' + id.slice(7);
    return '+' + id;
  }

  function normaliseCitizen(value) {
    var v = String(value || '').trim();
    return /^[+0-9\s().-]+$/.test(v) ? v.replace(/[^0-9]/g, '') : v;
  }

  function parseTime(at) {
    var d = at ? new Date(at) : new Date();
    return isNaN(d.getTime()) ? new Date() : d;
  }

  function clock(d) {
    return d.toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' });
  }

  function dayKey(d) {
    return d.getFullYear() + '-' + d.getMonth() + '-' + d.getDate();
  }

  function dayLabel(d) {
    var today = new Date();
    var startOf = function (x) { return new Date(x.getFullYear(), x.getMonth(), x.getDate()).getTime(); };
    var days = Math.round((startOf(today) - startOf(d)) / 86400000);
    if (days === 0) return 'Today';
    if (days === 1) return 'Yesterday';
    if (days > 1 && days < 7) return d.toLocaleDateString([], { weekday: 'long' });
    return d.toLocaleDateString([], { day: 'numeric', month: 'long', year: 'numeric' });
  }

  function humanize(name) {
    var s = String(name || '').replace(/[_-]+/g, ' ').trim();
    return s ? s[0].toUpperCase() + s.slice(1) : s;
  }

  /** A template's quick-reply button text is in the template, not in the send: label it from its payload. */
  function labelFromPayload(payload) {
    var head = String(payload || '').split(':')[0];
    var label = humanize(head);
    return label && label.length <= 20 ? label : 'Reply';
  }

  function fileNameFromLink(link) {
    try {
      var path = new URL(link, window.location.href).pathname;
      return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)) || null;
    } catch (e) {
      return null;
    }
  }

  function extensionOf(name, mimeType) {
    var m = /\.([A-Za-z0-9]{1,5})$/.exec(name || '');
    if (m) return m[1].toUpperCase();
    if (mimeType === 'application/pdf') return 'PDF';
    return mimeType ? mimeType.split('/').pop().toUpperCase().slice(0, 5) : 'FILE';
  }

  function formatBytes(n) {
    if (n < 1024) return n + ' B';
    if (n < 1024 * 1024) return Math.round(n / 1024) + ' kB';
    return (n / 1024 / 1024).toFixed(1) + ' MB';
  }

  // ------------------------------------------------------------------ storage

  function load(key, fallback) {
    try {
      var value = JSON.parse(window.localStorage.getItem(key));
      return value == null ? fallback : value;
    } catch (e) {
      return fallback;
    }
  }

  function save(key, value) {
    try {
      window.localStorage.setItem(key, JSON.stringify(value));
    } catch (e) {
      // private browsing or storage full: remembering is a convenience
    }
  }

  function remember(citizen) {
    var recent = load(RECENT_KEY, []).filter(function (c) { return c !== citizen && CITIZEN.test(c); });
    recent.unshift(citizen);
    save(RECENT_KEY, recent.slice(0, MAX_RECENT));
    renderRecent();
  }

  function renderRecent() {
    var recent = load(RECENT_KEY, []).filter(function (c) { return CITIZEN.test(c); });
    ui.recentList.replaceChildren();
    ui.recentOptions.replaceChildren();
    recent.forEach(function (c) {
      ui.recentOptions.appendChild(h('option', { attrs: { value: c } }));
      ui.recentList.appendChild(h('li', null, h('button', {
        'class': 'recent-chip',
        text: displayNumber(c),
        attrs: { type: 'button', 'aria-current': c === state.citizen ? 'true' : null, title: 'Open the chat of ' + c },
        dataset: { citizen: c },
        on: { click: function () { ui.number.value = c; openChat(c, true); } }
      })));
    });
    ui.recent.hidden = recent.length === 0;
  }

  // ------------------------------------------------------------------ error banner

  function showError(text, kind) {
    ui.errorText.textContent = text;
    ui.banner.dataset.kind = kind || 'error';
    state.errorKind = kind || 'error';
    ui.banner.hidden = false;
  }

  function clearError(kinds) {
    if (ui.banner.hidden) return;
    if (!kinds || kinds.indexOf(state.errorKind) >= 0) {
      ui.banner.hidden = true;
      state.errorKind = null;
    }
  }

  function problemDetail(json, status) {
    if (json && (json.detail || json.title)) return json.detail || json.title;
    if (json && json.error && json.error.message) return json.error.message;
    return 'HTTP ' + status;
  }

  // ------------------------------------------------------------------ opening a chat

  function openChat(citizen, focusComposer) {
    if (!CITIZEN.test(citizen)) {
      ui.number.setAttribute('aria-invalid', 'true');
      showError('"' + citizen + '" is not a citizen\'s number: give the wa_id, 6 to 20 digits with the country code '
        + '(e.g. 919876543210), or a business-scoped user id such as IN.1357924680135792.', 'input');
      ui.number.focus();
      return;
    }
    ui.number.removeAttribute('aria-invalid');
    clearError(['input']);
    state.citizen = citizen;
    state.generation++;
    if (state.abort) state.abort.abort();
    state.inFlight = false;
    state.pollAgain = false;
    clearTimeout(state.pollTimer);
    clearMessages();
    ui.you.textContent = displayNumber(citizen);
    ui.name.value = load(NAMES_KEY, {})[citizen] || '';
    ui.name.placeholder = /^[0-9]+$/.test(citizen) ? 'Citizen ' + citizen.slice(-4) : 'Citizen';
    document.title = displayNumber(citizen) + ' \u00B7 ' + state.business.name + ' \u00B7 WhatsApp simulator';
    var url = new URL(window.location.href);
    if (url.searchParams.get('citizen') !== citizen) {
      url.searchParams.set('citizen', citizen);
      window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    }
    remember(citizen);
    poll();
    if (focusComposer) ui.composer.focus();
  }

  function clearMessages() {
    ui.messages.replaceChildren();
    state.rendered = [];
    state.byWamid = new Map();
    state.lastDay = null;
    state.lastDirection = null;
    state.stick = true;
    state.unseen = 0;
    ui.jump.hidden = true;
    ui.empty.hidden = true;
  }

  // ------------------------------------------------------------------ polling

  function schedule() {
    clearTimeout(state.pollTimer);
    state.pollTimer = setTimeout(poll, document.hidden ? HIDDEN_POLL_MS : POLL_MS);
  }

  function pollSoon() {
    if (!state.citizen) return;
    if (state.inFlight) {
      state.pollAgain = true;
      return;
    }
    clearTimeout(state.pollTimer);
    poll();
  }

  function poll() {
    var citizen = state.citizen;
    if (!citizen) return;
    var generation = state.generation;
    var controller = typeof AbortController === 'function' ? new AbortController() : null;
    state.abort = controller;
    state.inFlight = true;
    fetch('/simulator/conversations/' + encodeURIComponent(citizen), {
      headers: { Accept: 'application/json' },
      cache: 'no-store',
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      if (!response.ok) throw new Error('answered HTTP ' + response.status);
      return response.json();
    }).then(function (data) {
      if (generation !== state.generation) return;
      render(Array.isArray(data.messages) ? data.messages : []);
      renderOrders(Array.isArray(data.orders) ? data.orders : []);
      setOnline(true);
    }).catch(function (error) {
      if (generation !== state.generation || (error && error.name === 'AbortError')) return;
      setOnline(false, error instanceof TypeError ? 'does not answer' : error && error.message);
    }).then(function () {
      if (generation !== state.generation) return;
      state.inFlight = false;
      if (state.pollAgain) {
        state.pollAgain = false;
        poll();
      } else {
        schedule();
      }
    });
  }

  function setOnline(online, why) {
    if (online) {
      if (state.online !== true) {
        ui.connection.textContent = 'online';
        ui.connection.classList.remove('offline');
        clearError(['poll']);
      }
    } else {
      ui.connection.textContent = 'simulator unreachable';
      ui.connection.classList.add('offline');
      if (state.errorKind == null || state.errorKind === 'poll') {
        showError('The conversation cannot be refreshed: the simulator ' + (why || 'does not answer')
          + '. Retrying every second.', 'poll');
      }
    }
    state.online = online;
  }

  // ------------------------------------------------------------------ rendering the conversation

  function statusSig(m) {
    return (m.status || '') + '|' + (m.statuses ? m.statuses.length : 0) + '|' + (m.error ? 'e' : '');
  }

  function isNearBottom() {
    var box = ui.messages;
    return box.scrollHeight - box.scrollTop - box.clientHeight < 80;
  }

  function scrollToBottom() {
    ui.messages.scrollTop = ui.messages.scrollHeight;
    state.stick = true;
    state.unseen = 0;
    ui.jump.hidden = true;
  }

  function render(messages) {
    var same = messages.length >= state.rendered.length;
    for (var i = 0; same && i < state.rendered.length; i++) {
      same = messages[i].wamid === state.rendered[i].wamid;
    }
    var initial = state.rendered.length === 0;
    if (!same) {
      clearMessages();
      initial = true;
    }
    state.rendered.forEach(function (r, index) {
      var sig = statusSig(messages[index]);
      if (sig !== r.sig) {
        updateStatus(r.node, messages[index]);
        r.sig = sig;
      }
    });
    var fragment = document.createDocumentFragment();
    var added = 0;
    var fromPlatform = 0;
    var fromCitizen = false;
    for (var k = state.rendered.length; k < messages.length; k++) {
      var m = messages[k];
      var at = parseTime(m.at);
      if (dayKey(at) !== state.lastDay) {
        fragment.appendChild(h('div', { 'class': 'day-separator', text: dayLabel(at), attrs: { role: 'separator' } }));
        state.lastDay = dayKey(at);
        state.lastDirection = null;
      }
      var direction = m.direction === 'inbound' ? 'citizen' : 'platform';
      var built;
      try {
        built = buildMessage(m, direction, direction !== state.lastDirection);
      } catch (e) {
        built = unreadable(m, direction, e);
      }
      fragment.appendChild(built.node);
      var entry = { wamid: m.wamid, sig: statusSig(m), node: built.node, summary: built.summary, direction: direction };
      state.rendered.push(entry);
      state.byWamid.set(m.wamid, entry);
      state.lastDirection = direction;
      added++;
      if (direction === 'citizen') fromCitizen = true;
      else fromPlatform++;
    }
    if (added) {
      var stick = state.stick || isNearBottom();
      ui.messages.appendChild(fragment);
      if (initial || stick || fromCitizen) {
        scrollToBottom();
      } else {
        state.unseen += fromPlatform;
        ui.jumpCount.textContent = state.unseen > 0 ? String(state.unseen) : '';
        ui.jump.hidden = false;
      }
    }
    ui.empty.hidden = messages.length > 0;
  }

  /** A message this page failed to draw: said so in its place, so that the rest of the chat still shows. */
  function unreadable(m, direction, error) {
    if (window.console) window.console.error('Could not show message', m, error);
    var node = h('div', {
      'class': 'msg first-of-group',
      attrs: { role: 'article', 'data-direction': direction, 'data-type': (m.body && m.body.type) || 'unknown', 'data-wamid': m.wamid }
    }, h('div', { 'class': 'bubble' }, h('div', { 'class': 'bubble-main' }, [
      h('div', { 'class': 'msg-text unsupported', text: 'This message could not be shown.' }),
      meta(m, direction)
    ])));
    return { node: node, summary: 'Message' };
  }

  /** Builds one message: {node, summary}. */
  function buildMessage(m, direction, first) {
    var body = m.body || {};
    var node = h('div', {
      'class': 'msg' + (first ? ' first-of-group' : ''),
      attrs: { role: 'article', 'data-direction': direction, 'data-wamid': m.wamid }
    });
    var bubble = h('div', { 'class': 'bubble' });
    var main = h('div', { 'class': 'bubble-main' });
    var text = h('div', { 'class': 'msg-text' });
    var parts = { node: node, bubble: bubble, main: main, text: text, after: [], inBubble: [], summary: '' };
    var type = direction === 'citizen' ? citizenMessage(body, parts) : platformMessage(body, parts);
    node.setAttribute('data-type', type);
    if (!main.contains(text)) main.appendChild(text);
    if (!text.hasChildNodes()) main.classList.add('no-text');
    main.appendChild(meta(m, direction));
    bubble.appendChild(main);
    parts.inBubble.forEach(function (n) { bubble.appendChild(n); });
    if (m.error) bubble.appendChild(errorNote(m.error));
    node.appendChild(bubble);
    parts.after.forEach(function (n) { node.appendChild(n); });
    var who = direction === 'citizen' ? 'You' : state.business.name;
    node.setAttribute('aria-label', who + ', ' + clock(parseTime(m.at)));
    return { node: node, summary: parts.summary };
  }

  function meta(m, direction) {
    var at = parseTime(m.at);
    var time = h('time', { text: clock(at), attrs: { datetime: at.toISOString(), title: at.toLocaleString() } });
    return h('span', { 'class': 'msg-meta' }, [time, direction === 'platform' ? ticks(m) : receipt(m)]);
  }

  /** Delivery ticks of a message the business sent: what the simulator reported of it. */
  function ticks(m) {
    var status = m.status || 'accepted';
    var history = (m.statuses || []).map(function (s) { return s.status + ' ' + parseTime(s.at).toLocaleTimeString(); }).join(' \u00B7 ');
    var node = h('span', {
      'class': 'ticks',
      text: TICKS[status] == null ? '\u2713' : TICKS[status],
      attrs: { 'data-status': status, role: 'img', 'aria-label': STATUS_LABELS[status] || status, title: (STATUS_LABELS[status] || status) + (history ? ' (' + history + ')' : '') }
    });
    if (status === 'accepted') node.appendChild(svgIcon(CLOCK, 12));
    return node;
  }

  /** On the citizen's own messages: delivered to the business, blue once the platform marked them read. */
  function receipt(m) {
    var read = m.status === 'read';
    return h('span', {
      'class': 'receipt',
      text: '\u2713\u2713',
      attrs: { 'data-status': read ? 'read' : 'delivered', role: 'img', 'aria-label': read ? 'Read by the business' : 'Delivered to the business', title: read ? 'Read by the business' : 'Delivered to the business' }
    });
  }

  function errorNote(error) {
    var code = error.code != null ? '(#' + error.code + ') ' : '';
    var title = error.title || error.message || 'failed';
    var more = error.error_data && error.error_data.details;
    var details = more && more.replace(/\W+$/, '').toLowerCase() !== title.toLowerCase() ? ' \u2014 ' + more : '';
    return h('div', { 'class': 'msg-error', attrs: { role: 'note' } }, [
      h('span', { text: '\u26A0', attrs: { 'aria-hidden': 'true' } }),
      h('span', { text: 'Not delivered: ' + code + title + details })
    ]);
  }

  function updateStatus(node, m) {
    var old = node.querySelector('.ticks, .receipt');
    if (old) old.replaceWith(m.direction === 'inbound' ? receipt(m) : ticks(m));
    var bubble = node.querySelector('.bubble');
    var oldError = bubble.querySelector('.msg-error');
    if (oldError) oldError.remove();
    if (m.error) bubble.appendChild(errorNote(m.error));
  }

  // --- messages the platform sent (Graph API request bodies) ---------------------------

  /** The kinds both sides send alike (text, media, documents, locations): the type rendered, or null. */
  function sharedPart(b, p) {
    switch (b.type) {
      case 'text':
        formatInto(p.text, b.text && b.text.body);
        p.summary = (b.text && b.text.body) || '';
        return 'text';
      case 'document':
        return documentPart(b.document || {}, p);
      case 'image':
      case 'video':
      case 'audio':
      case 'sticker':
        return mediaPart(b.type, b[b.type] || {}, p);
      case 'location':
        return locationPart(b.location || {}, p);
      default:
        return null;
    }
  }

  function platformMessage(b, p) {
    var shared = sharedPart(b, p);
    if (shared) return shared;
    switch (b.type) {
      case 'interactive':
        return interactive(b.interactive || {}, p);
      case 'template':
        return template(b.template || {}, p);
      case 'reaction':
        p.text.textContent = 'Reacted ' + ((b.reaction && b.reaction.emoji) || '') + ' to a message';
        p.summary = p.text.textContent;
        return 'reaction';
      case 'contacts':
        p.text.textContent = (b.contacts || []).map(function (c) { return c.name && c.name.formatted_name; }).filter(Boolean).join(', ');
        p.main.appendChild(h('div', { 'class': 'msg-label', text: 'Contact' }));
        p.summary = 'Contact';
        return 'contacts';
      default:
        p.main.appendChild(h('div', { 'class': 'unsupported', text: 'A "' + (b.type || 'unknown') + '" message (not shown by this page)' }));
        p.summary = 'Message';
        return b.type || 'unknown';
    }
  }

  function headerBodyFooter(it, p) {
    var header = it.header || {};
    if (header.type === 'text' && header.text) {
      p.text.appendChild(formatInto(h('span', { 'class': 'msg-header' }), header.text));
    } else if (header.type === 'document' || header.type === 'image' || header.type === 'video') {
      var media = header[header.type] || {};
      p.main.appendChild(header.type === 'document' ? docCard(media) : mediaElement(header.type, media));
    }
    var body = (it.body && it.body.text) || '';
    p.text.appendChild(formatInto(h('span', { 'class': 'msg-body' }), body));
    if (it.footer && it.footer.text) {
      p.text.appendChild(h('span', { 'class': 'msg-footer', text: it.footer.text }));
    }
    p.summary = body || (header.text || '');
  }

  function interactive(it, p) {
    var action = it.action || {};
    headerBodyFooter(it, p);
    if (it.type === 'list') {
      var label = action.button || 'Choose';
      // The rows live in the sheet until it opens; their ids on the message let tests and operators find it.
      var rowIds = [];
      (action.sections || []).forEach(function (s) { (s.rows || []).forEach(function (r) { if (r.id) rowIds.push(r.id); }); });
      p.node.setAttribute('data-row-ids', rowIds.join(' '));
      p.inBubble.push(h('button', {
        'class': 'list-open',
        attrs: { type: 'button', 'aria-haspopup': 'dialog', 'aria-controls': 'list-sheet' },
        on: { click: function () { openListSheet(p.node.dataset.wamid, action); } }
      }, [h('span', { text: '\u2630', attrs: { 'aria-hidden': 'true' } }), h('span', { 'class': 'list-open-label', text: label })]));
      return 'interactive-list';
    }
    if (it.type === 'button') {
      var buttons = (action.buttons || []).map(function (b) { return b.reply || {}; });
      p.after.push(h('div', { 'class': 'reply-buttons' + (buttons.length === 2 ? ' two' : ''), attrs: { role: 'group', 'aria-label': 'Replies' } },
        buttons.map(function (reply) {
          return h('button', {
            'class': 'reply-button',
            attrs: { type: 'button', 'data-button-id': reply.id },
            on: {
              click: function (event) {
                replyWith(event.currentTarget, { buttonReply: { id: reply.id, title: reply.title }, context: p.node.dataset.wamid },
                  'your reply "' + reply.title + '"');
              }
            }
          }, [h('span', { 'class': 'reply-icon', text: '\u21A9', attrs: { 'aria-hidden': 'true' } }), h('span', { text: reply.title })]);
        })));
      return 'interactive-button';
    }
    if (it.type === 'cta_url') {
      var parameters = action.parameters || {};
      var href = safeUrl(parameters.url);
      var link = h('a', {
        'class': 'reply-button cta-link',
        attrs: { target: '_blank', rel: 'noopener noreferrer' }
      }, [h('span', { 'class': 'reply-icon', text: '\u2197', attrs: { 'aria-hidden': 'true' } }), h('span', { text: parameters.display_text || 'Open' })]);
      if (href) link.href = href;
      p.after.push(h('div', { 'class': 'reply-buttons' }, link));
      return 'interactive-cta-url';
    }
    if (it.type === 'order_details') return orderCard(action.parameters || {}, p);
    if (it.type === 'order_status') return orderStatusLine(action.parameters || {}, p);
    p.inBubble.push(h('div', { 'class': 'unsupported', text: 'An interactive "' + it.type + '" message (not shown by this page)' }));
    return 'interactive-' + (it.type || 'unknown');
  }

  // --- payments: order_details cards and order_status lines --------------------------

  /** ₹ with two decimals and Indian digit grouping, from {value, offset}. */
  function rupees(amount) {
    var value = amount && typeof amount.value === 'number' ? amount.value : 0;
    var offset = amount && typeof amount.offset === 'number' && amount.offset > 0 ? amount.offset : 100;
    return '\u20B9' + (value / offset).toLocaleString('en-IN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }

  /** An order_details message: its items and total, and the "Review and pay" button (the body is drawn above). */
  function orderCard(params, p) {
    var order = params.order || {};
    var reference = params.reference_id || '';
    var total = rupees(params.total_amount);
    var items = (order.items || []).map(function (item) {
      var price = item.sale_amount || item.amount;
      var quantity = typeof item.quantity === 'number' ? item.quantity : 1;
      return h('li', { 'class': 'order-item' }, [
        h('span', { 'class': 'order-item-name', text: item.name + (quantity > 1 ? ' \u00D7 ' + quantity : '') }),
        h('span', { 'class': 'order-item-amount', text: rupees({ value: (price && price.value || 0) * quantity, offset: price && price.offset }) })
      ]);
    });
    var extras = [['tax', 'Tax'], ['shipping', 'Shipping'], ['discount', 'Discount']].filter(function (e) {
      return order[e[0]] && order[e[0]].value > 0;
    }).map(function (e) {
      return h('li', { 'class': 'order-item order-extra' }, [
        h('span', { text: order[e[0]].description || e[1] }),
        h('span', { text: (e[0] === 'discount' ? '\u2212' : '') + rupees(order[e[0]]) })
      ]);
    });
    var state = h('p', { 'class': 'order-state', text: 'Not paid yet', attrs: { 'aria-live': 'polite', 'data-state': 'pending' } });
    p.main.appendChild(p.text);
    p.main.appendChild(h('div', { 'class': 'order-card', attrs: { 'data-reference-id': reference } }, [
      h('div', { 'class': 'order-head' }, h('span', { 'class': 'order-count', text: items.length + (items.length === 1 ? ' item' : ' items') })),
      h('ul', { 'class': 'order-items', attrs: { 'aria-label': 'Items' } }, items.concat(extras)),
      h('div', { 'class': 'order-total' }, [h('span', { text: 'Total' }), h('strong', { 'class': 'order-total-amount', text: total })]),
      state
    ]));
    p.node.setAttribute('data-reference-id', reference);
    p.after.push(h('div', { 'class': 'reply-buttons' }, h('button', {
      'class': 'reply-button order-pay',
      attrs: { type: 'button', 'data-reference-id': reference, 'aria-haspopup': 'dialog', 'aria-controls': 'pay-dialog' },
      on: { click: function (event) { openPayDialog(event.currentTarget, reference, total, (p.node.querySelector('.msg-body') || {}).textContent); } }
    }, [h('span', { 'class': 'reply-icon', text: '\u20B9', attrs: { 'aria-hidden': 'true' } }), h('span', { text: 'Review and pay' })])));
    p.summary = 'Order ' + reference + ': ' + total;
    return 'interactive-order-details';
  }

  /** An order_status message: "Order completed — Fee received", then its body. */
  function orderStatusLine(params, p) {
    var order = params.order || {};
    var label = 'Order ' + (ORDER_STATUS_LABELS[order.status] || order.status || 'updated') + (order.description ? ' \u2014 ' + order.description : '');
    p.main.insertBefore(h('p', {
      'class': 'order-status-line',
      text: label,
      attrs: { 'data-order-status': order.status || '', 'data-reference-id': params.reference_id || '' }
    }), p.main.firstChild);
    p.summary = label;
    return 'interactive-order-status';
  }

  /** Follows each order on its card: paid, payment pending or failed, expired, canceled; the button only while it can be paid. */
  function renderOrders(orders) {
    state.orders = {};
    orders.forEach(function (o) {
      state.orders[o.referenceId] = o;
      var entry = state.byWamid.get(o.wamid);
      if (!entry) return;
      var line = entry.node.querySelector('.order-state');
      var button = entry.node.querySelector('.order-pay');
      var last = o.lastTransaction;
      var said;
      var kind;
      if (o.paymentStatus === 'captured') { said = '\u2713 Paid'; kind = 'paid'; }
      else if (last && last.status === 'pending') { said = 'Payment pending\u2026'; kind = 'processing'; }
      else if (o.notPayable === 'order-canceled') { said = 'Order canceled'; kind = 'closed'; }
      else if (o.notPayable === 'order-expired') { said = 'Expired: it can no longer be paid'; kind = 'closed'; }
      else if (o.notPayable === 'order-completed') { said = 'Order completed'; kind = 'closed'; }
      else if (last && last.status === 'failed') { said = 'Payment failed. You can try again.'; kind = 'failed'; }
      else { said = 'Not paid yet'; kind = 'pending'; }
      if (line && line.textContent !== said) {
        line.textContent = said;
        line.setAttribute('data-state', kind);
      }
      if (button) {
        button.disabled = !o.payable;
        button.lastChild.textContent = o.paymentStatus === 'captured' ? 'Paid' : 'Review and pay';
      }
    });
  }

  function openPayDialog(opener, reference, total, description) {
    var order = state.orders && state.orders[reference];
    if (order && !order.payable) {
      showError('This order cannot be paid now: it is ' + (order.paymentStatus === 'captured' ? 'paid' : (order.notPayable || 'closed').replace('order-', '')) + '.', 'send');
      return;
    }
    state.payOpener = opener;
    state.payReference = reference;
    state.payPhone = order ? order.phoneNumberId : null;
    ui.payAmount.textContent = total;
    ui.payDescription.textContent = description || '';
    ui.payConfirm.textContent = 'Pay ' + total;
    ui.payConfirm.disabled = false;
    ui.payStatus.textContent = '';
    showDialog(ui.payDialog);
    var checked = ui.payDialog.querySelector('input[name="upi-app"]:checked');
    (checked || ui.payConfirm).focus();
  }

  function payNow(event) {
    event.preventDefault();
    var reference = state.payReference;
    var checked = ui.payDialog.querySelector('input[name="upi-app"]:checked');
    var app = checked ? checked.value : 'gpay';
    var body = { referenceId: reference, method: 'upi', app: app, outcome: 'success' };
    if (state.payPhone) body.phoneNumberId = state.payPhone;
    ui.payConfirm.disabled = true;
    ui.payStatus.textContent = 'Paying with ' + (UPI_APP_NAMES[app] || app) + '\u2026';
    fetch('/simulator/citizens/' + encodeURIComponent(state.citizen) + '/payments', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.text().then(function (raw) {
        var json = null;
        try { json = raw ? JSON.parse(raw) : null; } catch (e) { json = null; }
        return { ok: response.ok, status: response.status, json: json };
      });
    }).then(function (answer) {
      if (!answer.ok) {
        ui.payConfirm.disabled = false;
        ui.payStatus.textContent = 'Not paid: ' + problemDetail(answer.json, answer.status);
        pollSoon();
        return;
      }
      state.paySent = true;
      var entry = findOrderEntry(reference);
      var line = entry && entry.node.querySelector('.order-state');
      if (line) {
        line.textContent = 'Payment pending\u2026';
        line.setAttribute('data-state', 'processing');
      }
      closeDialog(ui.payDialog);
      pollSoon();
    }, function () {
      ui.payConfirm.disabled = false;
      ui.payStatus.textContent = 'The simulator did not answer, so nothing was paid. Is it running?';
    });
  }

  function findOrderEntry(reference) {
    for (var i = state.rendered.length - 1; i >= 0; i--) {
      if (state.rendered[i].node.getAttribute('data-reference-id') === reference
          && state.rendered[i].node.getAttribute('data-type') === 'interactive-order-details') return state.rendered[i];
    }
    return null;
  }

  function docCard(d) {
    var name = d.filename || (d.link && fileNameFromLink(d.link)) || 'Document';
    var href = d.id ? mediaUrl(d.id) : safeUrl(d.link);
    var ext = extensionOf(name, d.mime_type);
    var link = h('a', {
      'class': 'doc-card doc-link',
      attrs: { 'data-media-id': d.id || null, target: '_blank', rel: 'noopener', title: 'Open ' + name + ' in a new tab' }
    }, [
      h('span', { 'class': 'doc-icon' + (ext === 'PDF' ? '' : ' other'), text: ext, attrs: { 'aria-hidden': 'true' } }),
      h('span', { 'class': 'doc-info' }, [
        h('span', { 'class': 'doc-name doc-filename', text: name }),
        h('span', { 'class': 'doc-sub', text: ext + ' \u00B7 open in a new tab' })
      ])
    ]);
    if (href) link.href = href;
    else link.setAttribute('aria-disabled', 'true');
    if (d.id) describeSize(link, d.id);
    return link;
  }

  /** Adds the size of a stored file to its card, when the simulator still has it. */
  function describeSize(link, id) {
    fetch(mediaUrl(id), { method: 'HEAD' }).then(function (r) {
      var sub = link.querySelector('.doc-sub');
      var size = Number(r.headers.get('Content-Length'));
      if (!sub) return;
      if (r.status === 404) sub.textContent = 'no longer held by the simulator';
      else if (r.ok && size > 0) sub.textContent = sub.textContent.replace(' \u00B7 ', ' \u00B7 ' + formatBytes(size) + ' \u00B7 ');
    }).catch(function () { /* the size is a nicety */ });
  }

  function documentPart(d, p) {
    p.main.appendChild(docCard(d));
    if (d.caption) formatInto(p.text, d.caption);
    p.summary = 'Document: ' + (d.filename || (d.link && fileNameFromLink(d.link)) || 'document');
    return 'document';
  }

  function mediaElement(kind, m) {
    var src = m.id ? mediaUrl(m.id) : safeUrl(m.link);
    if (!src) return h('div', { 'class': 'unsupported', text: 'A ' + kind + ' without a usable link' });
    if (kind === 'image' || kind === 'sticker') {
      var img = h('img', { attrs: { alt: m.caption || (kind === 'sticker' ? 'Sticker' : 'Photo'), loading: 'lazy', decoding: 'async' } });
      img.addEventListener('load', function () { if (state.stick) scrollToBottom(); });
      img.addEventListener('error', function () {
        img.replaceWith(h('span', { 'class': 'unsupported', text: 'Photo no longer held by the simulator' }));
      });
      img.src = src;
      var a = h('a', { 'class': 'image-link', attrs: { target: '_blank', rel: 'noopener', title: 'Open the photo in a new tab' }, dataset: { mediaId: m.id || null } }, img);
      a.href = src;
      return a;
    }
    var player = h(kind === 'audio' ? 'audio' : 'video', { attrs: { controls: true, preload: 'metadata' } });
    player.src = src;
    return player;
  }

  function mediaPart(kind, m, p) {
    p.main.appendChild(mediaElement(kind, m));
    if (m.caption) formatInto(p.text, m.caption);
    p.summary = ({ image: 'Photo', video: 'Video', audio: 'Audio', sticker: 'Sticker' }[kind]) + (m.caption ? ': ' + m.caption : '');
    return kind;
  }

  function locationPart(l, p) {
    var lat = Number(l.latitude);
    var lon = Number(l.longitude);
    var card = h('a', { 'class': 'location-card', attrs: { target: '_blank', rel: 'noopener noreferrer', title: 'Open the place on OpenStreetMap' } },
      h('div', { 'class': 'location-map' }, svgIcon(PIN, 34, 'pin')));
    if (isFinite(lat) && isFinite(lon)) {
      card.href = 'https://www.openstreetmap.org/?mlat=' + lat + '&mlon=' + lon + '#map=17/' + lat + '/' + lon;
    }
    p.main.appendChild(card);
    if (l.name) p.text.appendChild(h('strong', { text: l.name }));
    if (l.name && l.address) p.text.appendChild(document.createTextNode('\n'));
    if (l.address) p.text.appendChild(document.createTextNode(l.address));
    p.inBubble.push(h('div', { 'class': 'location-coords', text: lat.toFixed(6) + ', ' + lon.toFixed(6) }));
    p.summary = 'Location' + (l.name ? ': ' + l.name : '');
    return 'location';
  }

  /**
   * A template as sent: the simulator knows its name, language and parameters, not its approved text.
   * The header's media, the body's parameters and the buttons are shown; quick replies are tappable.
   */
  function template(t, p) {
    var components = t.components || [];
    var byType = function (type) { return components.filter(function (c) { return String(c.type).toLowerCase() === type; }); };
    byType('header').forEach(function (c) {
      (c.parameters || []).forEach(function (param) {
        if (param.type === 'document') p.main.appendChild(docCard(param.document || {}));
        else if (param.type === 'image' || param.type === 'video') p.main.appendChild(mediaElement(param.type, param[param.type] || {}));
        else if (param.type === 'text') {
          p.text.appendChild(h('span', { 'class': 'msg-header', text: param.text }));
        }
      });
    });
    p.text.appendChild(h('strong', { 'class': 'template-title', text: humanize(t.name) }));
    var values = [];
    byType('body').forEach(function (c) {
      (c.parameters || []).forEach(function (param) {
        var v = param.type === 'text' ? param.text
          : param.type === 'currency' ? (param.currency && param.currency.fallback_value)
            : param.type === 'date_time' ? (param.date_time && param.date_time.fallback_value) : null;
        if (v != null && v !== '') values.push(v);
      });
    });
    values.forEach(function (v) {
      p.text.appendChild(document.createTextNode('\n'));
      formatInto(p.text, v);
    });
    p.inBubble.push(h('span', { 'class': 'template-tag' }, [
      'Template ', h('code', { text: t.name || '?' }), t.language && t.language.code ? ' \u00B7 ' + t.language.code : ''
    ]));
    var buttons = byType('button').slice().sort(function (a, b) { return Number(a.index) - Number(b.index); });
    if (buttons.length) {
      p.after.push(h('div', { 'class': 'reply-buttons', attrs: { role: 'group', 'aria-label': 'Template buttons' } }, buttons.map(function (c) {
        var param = (c.parameters || [])[0] || {};
        var subType = String(c.sub_type || '').toLowerCase();
        if (subType === 'quick_reply') {
          var payload = param.payload != null ? param.payload : '';
          var label = labelFromPayload(payload);
          return h('button', {
            'class': 'reply-button template-button',
            attrs: { type: 'button', title: 'Payload: ' + payload, 'data-button-id': payload, 'data-payload': payload },
            on: {
              click: function (event) {
                replyWith(event.currentTarget, { templateButton: { payload: payload, text: label }, context: p.node.dataset.wamid },
                  'your tap on "' + label + '"');
              }
            }
          }, [h('span', { 'class': 'reply-icon', text: '\u21A9', attrs: { 'aria-hidden': 'true' } }), h('span', { text: label })]);
        }
        var text = subType === 'url' ? 'Open link' : subType === 'copy_code' ? 'Copy code' : humanize(subType || 'button');
        return h('button', {
          'class': 'reply-button', text: text,
          attrs: { type: 'button', disabled: true, title: (param.text || param.coupon_code || '') + ' (not simulated)' }
        });
      })));
    }
    p.summary = humanize(t.name) + (values.length ? ': ' + values.join(', ') : '');
    return 'template';
  }

  // --- messages the citizen sent (the webhook's message objects) -----------------------

  function citizenMessage(b, p) {
    if (b.context && b.context.id) {
      var quoted = state.byWamid.get(b.context.id);
      if (quoted) {
        p.main.appendChild(h('div', { 'class': 'msg-quote' }, [
          h('strong', { text: quoted.direction === 'citizen' ? 'You' : state.business.name }),
          h('span', { text: quoted.summary })
        ]));
      }
    }
    var shared = sharedPart(b, p);
    if (shared) return shared;
    switch (b.type) {
      case 'interactive': {
        var it = b.interactive || {};
        var reply = it.button_reply || it.list_reply || it.nfm_reply || {};
        p.text.textContent = reply.title || reply.body || '';
        if (it.list_reply && reply.description) p.inBubble.push(h('div', { 'class': 'msg-subtext', text: reply.description }));
        p.summary = p.text.textContent;
        return it.type === 'list_reply' ? 'list-reply' : it.type === 'button_reply' ? 'button-reply' : 'interactive-' + it.type;
      }
      case 'button':
        p.text.textContent = (b.button && (b.button.text || b.button.payload)) || '';
        p.summary = p.text.textContent;
        return 'template-button';
      default:
        p.main.appendChild(h('div', { 'class': 'unsupported', text: 'A "' + (b.type || 'unknown') + '" message' }));
        p.summary = 'Message';
        return b.type || 'unknown';
    }
  }

  // ------------------------------------------------------------------ sending

  /**
   * Posts one citizen action. Resolves to true when the simulator took the message (it is in the chat),
   * even if the gateway did not take its webhook yet (the banner says so); false otherwise.
   */
  function send(action, what) {
    if (!state.citizen) {
      showError('Open a chat first: enter the citizen\'s number and press "Open chat".', 'input');
      return Promise.resolve(false);
    }
    var body = Object.assign({}, action);
    var name = ui.name.value.trim();
    if (name) body.name = name;
    var citizen = state.citizen;
    return fetch('/simulator/citizens/' + encodeURIComponent(citizen) + '/messages', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.text().then(function (raw) {
        var json = null;
        try { json = raw ? JSON.parse(raw) : null; } catch (e) { json = null; }
        return { response: response, json: json };
      });
    }).then(function (answer) {
      var status = answer.response.status;
      var json = answer.json;
      if (status < 200 || status >= 300) {
        showError('The simulator refused ' + what + ': ' + problemDetail(json, status), 'send');
        return false;
      }
      pollSoon();
      var webhook = json && typeof json.webhookStatus === 'number' ? json.webhookStatus : null;
      if (status === 202 || (webhook !== null && (webhook < 200 || webhook >= 300))) {
        var where = state.business.webhookUrl ? ' at ' + state.business.webhookUrl : '';
        showError(webhook === 0
          ? 'The gateway' + where + ' could not be reached, so it has not taken ' + what + ' yet. The simulator keeps retrying the webhook.'
          : 'The gateway' + where + ' refused ' + what + ' (HTTP ' + webhook + '). The simulator keeps retrying the webhook.', 'gateway');
      } else {
        clearError(['send', 'gateway', 'input']);
      }
      return true;
    }, function () {
      showError('The simulator did not answer, so ' + what + ' was not sent. Is it running?', 'send');
      return false;
    });
  }

  function replyWith(button, action, what) {
    if (button.disabled) return;
    button.disabled = true;
    send(action, what).then(function () { button.disabled = false; });
  }

  function sendText() {
    var text = ui.composer.value.replace(/^\s+|\s+$/g, '');
    if (!text) {
      ui.composer.focus();
      return;
    }
    ui.composer.value = '';
    composerChanged();
    send({ text: text }, 'your message').then(function (ok) {
      if (!ok && !ui.composer.value) {
        ui.composer.value = text;
        composerChanged();
      }
    });
    ui.composer.focus();
  }

  function composerChanged() {
    var box = ui.composer;
    box.style.height = 'auto';
    box.style.height = Math.min(box.scrollHeight, 140) + 'px';
    ui.send.setAttribute('aria-disabled', box.value.trim() ? 'false' : 'true');
  }

  function kindOf(file) {
    if (ATTACHABLE[file.type]) return { kind: ATTACHABLE[file.type], mimeType: file.type };
    var name = file.name.toLowerCase();
    if (/\.pdf$/.test(name)) return { kind: 'document', mimeType: 'application/pdf' };
    if (/\.jpe?g$/.test(name)) return { kind: 'image', mimeType: 'image/jpeg' };
    if (/\.png$/.test(name)) return { kind: 'image', mimeType: 'image/png' };
    return null;
  }

  function attach() {
    var file = ui.attach.files && ui.attach.files[0];
    if (!file) return;
    var type = kindOf(file);
    var reset = function () { ui.attach.value = ''; ui.composerForm.classList.remove('busy'); };
    if (!type) {
      showError('"' + file.name + '" cannot be sent from here: attach a JPEG or PNG photo, or a PDF.', 'send');
      reset();
      return;
    }
    if (file.size === 0 || file.size > MAX_BYTES[type.kind]) {
      showError('"' + file.name + '" is ' + formatBytes(file.size) + '; a ' + (type.kind === 'image' ? 'photo' : 'document')
        + ' sent from here must be between 1 byte and ' + formatBytes(MAX_BYTES[type.kind]) + '.', 'send');
      reset();
      return;
    }
    ui.composerForm.classList.add('busy');
    var reader = new FileReader();
    reader.onerror = function () {
      showError('"' + file.name + '" could not be read.', 'send');
      reset();
    };
    reader.onload = function () {
      var dataUrl = String(reader.result);
      var media = { kind: type.kind, mimeType: type.mimeType, filename: file.name, base64: dataUrl.slice(dataUrl.indexOf(',') + 1) };
      send({ media: media }, '"' + file.name + '"').then(reset, reset);
    };
    reader.readAsDataURL(file);
  }

  // ------------------------------------------------------------------ dialogs

  function openListSheet(wamid, action) {
    ui.sheetTitle.textContent = action.button || 'Choose';
    ui.sheetSections.replaceChildren();
    (action.sections || []).forEach(function (section, index) {
      var headingId = 'list-section-' + index;
      ui.sheetSections.appendChild(h('section', { 'class': 'sheet-section', attrs: { 'aria-labelledby': section.title ? headingId : null } }, [
        section.title ? h('h3', { text: section.title, attrs: { id: headingId } }) : null,
        h('ul', null, (section.rows || []).map(function (row) {
          return h('li', null, h('button', {
            'class': 'list-row',
            attrs: { type: 'button', 'data-row-id': row.id },
            on: {
              click: function () {
                closeSheet();
                send({ listReply: { id: row.id, title: row.title, description: row.description }, context: wamid },
                  'your choice "' + row.title + '"');
              }
            }
          }, [
            h('span', { 'class': 'row-text' }, [
              h('span', { 'class': 'row-title', text: row.title }),
              row.description ? h('span', { 'class': 'row-description', text: row.description }) : null
            ]),
            h('span', { 'class': 'radio', attrs: { 'aria-hidden': 'true' } })
          ]));
        }))
      ]));
    });
    state.sheetOpener = document.activeElement;
    showDialog(ui.sheet);
    var first = ui.sheet.querySelector('.list-row');
    if (first) first.focus();
  }

  function closeSheet() {
    closeDialog(ui.sheet);
  }

  function showDialog(dialog) {
    if (dialog.open) return;
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
  }

  function closeDialog(dialog) {
    if (!dialog.open) return;
    if (typeof dialog.close === 'function') dialog.close();
    else dialog.removeAttribute('open');
  }

  function openLocation() {
    state.locationSent = false;
    ui.locationStatus.textContent = '';
    ui.locationHere.hidden = !('geolocation' in navigator) || !window.isSecureContext;
    showDialog(ui.locationDialog);
    ui.locationSend.focus();
  }

  function useCurrentLocation() {
    ui.locationStatus.textContent = 'Finding where you are\u2026';
    navigator.geolocation.getCurrentPosition(function (position) {
      ui.lat.value = position.coords.latitude.toFixed(6);
      ui.lon.value = position.coords.longitude.toFixed(6);
      ui.placeName.value = '';
      ui.placeAddress.value = '';
      ui.locationStatus.textContent = 'Your current location (\u00B1' + Math.round(position.coords.accuracy) + ' m).';
    }, function (error) {
      ui.locationStatus.textContent = 'Your location is not available (' + error.message + '); the fields are unchanged.';
    }, { enableHighAccuracy: true, timeout: 10000, maximumAge: 60000 });
  }

  function sendLocation(event) {
    event.preventDefault();
    var lat = Number(ui.lat.value);
    var lon = Number(ui.lon.value);
    if (ui.lat.value === '' || !isFinite(lat) || lat < -90 || lat > 90) {
      ui.locationStatus.textContent = 'Latitude is a number between -90 and 90.';
      ui.lat.focus();
      return;
    }
    if (ui.lon.value === '' || !isFinite(lon) || lon < -180 || lon > 180) {
      ui.locationStatus.textContent = 'Longitude is a number between -180 and 180.';
      ui.lon.focus();
      return;
    }
    var location = { latitude: lat, longitude: lon };
    if (ui.placeName.value.trim()) location.name = ui.placeName.value.trim();
    if (ui.placeAddress.value.trim()) location.address = ui.placeAddress.value.trim();
    ui.locationSend.disabled = true;
    send({ location: location }, 'your location').then(function (ok) {
      ui.locationSend.disabled = false;
      if (ok) {
        state.locationSent = true;
        closeDialog(ui.locationDialog);
      } else {
        ui.locationStatus.textContent = ui.errorText.textContent;
      }
    });
  }

  /** Closes a modal dialog when its backdrop (the dialog element itself, outside its content) is clicked. */
  function closeOnBackdrop(dialog) {
    dialog.addEventListener('click', function (event) {
      if (event.target !== dialog) return;
      var r = dialog.getBoundingClientRect();
      var inside = event.clientX >= r.left && event.clientX <= r.right && event.clientY >= r.top && event.clientY <= r.bottom;
      if (!inside) closeDialog(dialog);
    });
  }

  // ------------------------------------------------------------------ start

  function loadBusiness() {
    fetch('/simulator/business', { headers: { Accept: 'application/json' } }).then(function (r) {
      return r.ok ? r.json() : null;
    }).then(function (business) {
      if (!business) return;
      state.business = business;
      ui.businessName.textContent = business.name || 'Business';
      ui.avatar.textContent = (business.name || 'B').trim().charAt(0).toUpperCase();
      ui.businessNumber.textContent = displayNumber(business.displayPhoneNumber);
      ui.target.textContent = business.webhookUrl ? 'webhooks to ' + business.webhookUrl : 'webhooks go nowhere (GATEWAY_WEBHOOK_URL is empty)';
      if (state.citizen) document.title = displayNumber(state.citizen) + ' \u00B7 ' + ui.businessName.textContent + ' \u00B7 WhatsApp simulator';
    }).catch(function () { /* the defaults stay */ });
  }

  function start() {
    ui = {
      form: $('citizen-form'), number: $('citizen-number'), name: $('citizen-name'), open: $('open-chat'),
      recent: document.querySelector('.recent'), recentList: $('recent-list'), recentOptions: $('recent-citizens'),
      target: $('sim-target'),
      banner: $('error-banner'), errorText: $('error-text'), errorClose: $('error-close'),
      businessName: $('business-name'), businessNumber: $('business-number'), avatar: $('business-avatar'),
      connection: $('connection'), you: $('you-number'),
      messages: $('messages'), empty: $('empty-state'), jump: $('jump-latest'), jumpCount: $('jump-count'),
      composerForm: $('composer-form'), composer: $('composer'), send: $('send'), attach: $('attach'),
      shareLocation: $('share-location'),
      sheet: $('list-sheet'), sheetTitle: $('list-sheet-title'), sheetSections: $('list-sheet-sections'), sheetClose: $('list-sheet-close'),
      locationDialog: $('location-dialog'), locationForm: $('location-form'), locationSend: $('location-send'),
      locationCancel: $('location-cancel'), locationHere: $('location-here'), locationStatus: $('location-status'),
      lat: $('location-latitude'), lon: $('location-longitude'), placeName: $('location-name'), placeAddress: $('location-address'),
      payDialog: $('pay-dialog'), payForm: $('pay-form'), payAmount: $('pay-amount'), payDescription: $('pay-description'),
      payConfirm: $('pay-confirm'), payCancel: $('pay-cancel'), payStatus: $('pay-status')
    };

    ui.form.addEventListener('submit', function (event) {
      event.preventDefault();
      var citizen = normaliseCitizen(ui.number.value);
      ui.number.value = citizen;
      openChat(citizen, true);
    });
    ui.number.addEventListener('input', function () { ui.number.removeAttribute('aria-invalid'); });
    ui.name.addEventListener('change', function () {
      if (!state.citizen) return;
      var names = load(NAMES_KEY, {});
      if (ui.name.value.trim()) names[state.citizen] = ui.name.value.trim();
      else delete names[state.citizen];
      save(NAMES_KEY, names);
    });
    ui.errorClose.addEventListener('click', function () {
      ui.banner.hidden = true;
      state.errorKind = null;
    });

    ui.composerForm.addEventListener('submit', function (event) {
      event.preventDefault();
      sendText();
    });
    ui.composer.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
        event.preventDefault();
        sendText();
      }
    });
    ui.composer.addEventListener('input', composerChanged);
    ui.attach.addEventListener('change', attach);
    ui.shareLocation.addEventListener('click', openLocation);
    ui.locationForm.addEventListener('submit', sendLocation);
    ui.locationCancel.addEventListener('click', function () { closeDialog(ui.locationDialog); });
    ui.locationHere.addEventListener('click', useCurrentLocation);
    ui.locationDialog.addEventListener('close', function () {
      (state.locationSent ? ui.composer : ui.shareLocation).focus();
      state.locationSent = false;
    });
    ui.sheetClose.addEventListener('click', closeSheet);
    ui.sheet.addEventListener('close', function () {
      var opener = state.sheetOpener;
      state.sheetOpener = null;
      if (opener && document.contains(opener)) opener.focus();
      else ui.composer.focus();
    });
    ui.payForm.addEventListener('submit', payNow);
    ui.payCancel.addEventListener('click', function () { closeDialog(ui.payDialog); });
    ui.payDialog.addEventListener('close', function () {
      var opener = state.payOpener;
      state.payOpener = null;
      if (!state.paySent && opener && document.contains(opener) && !opener.disabled) opener.focus();
      else ui.composer.focus();
      state.paySent = false;
    });
    closeOnBackdrop(ui.sheet);
    closeOnBackdrop(ui.locationDialog);
    closeOnBackdrop(ui.payDialog);

    ui.messages.addEventListener('scroll', function () {
      state.stick = isNearBottom();
      if (state.stick) {
        state.unseen = 0;
        ui.jump.hidden = true;
      }
    }, { passive: true });
    ui.jump.addEventListener('click', scrollToBottom);
    document.addEventListener('visibilitychange', function () {
      if (!document.hidden) pollSoon();
    });

    composerChanged();
    renderRecent();
    loadBusiness();

    var fromUrl = new URL(window.location.href).searchParams.get('citizen');
    var recent = load(RECENT_KEY, []);
    var citizen = normaliseCitizen(fromUrl || (recent.length ? recent[0] : ui.number.value));
    ui.number.value = citizen;
    openChat(citizen, false);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
