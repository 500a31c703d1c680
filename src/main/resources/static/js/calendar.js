// The calendar page: FullCalendar (global build from the WebJar) fed by /calendar/events, with
// SCHEDULED jobs draggable to reschedule them. Times are the viewer's wall-clock times, sent
// without offset; the calendar runs in "UTC" so it shows them unchanged (see CalendarController).
// Under the calendar, the same jobs as a plain list of links, for keyboards and screen readers.

const element = document.getElementById('calendar');
const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.getAttribute('content');
const data = element?.dataset ?? {};
const language = data.locale === 'pt-br' ? 'pt-BR' : 'en';
const listFormat = new Intl.DateTimeFormat(language, { timeZone: 'UTC', dateStyle: 'medium', timeStyle: 'short' });

function say(message, kind) {
  const box = document.getElementById('calendar-message');
  if (!box) {
    return;
  }
  box.replaceChildren();
  if (!message) {
    return;
  }
  const alert = document.createElement('div');
  alert.className = `alert alert-${kind} py-2 mb-0`;
  alert.textContent = message;
  box.append(alert);
}

function renderList(events) {
  const list = document.getElementById('calendar-list');
  const empty = document.getElementById('calendar-list-empty');
  if (!list) {
    return;
  }
  const items = [...events]
    .sort((a, b) => a.start.localeCompare(b.start))
    .map((event) => {
      const item = document.createElement('li');
      item.className = 'list-group-item d-flex flex-wrap gap-2 align-items-center';
      const swatch = document.createElement('span');
      swatch.className = `status-swatch ${event.classNames.filter((c) => c.startsWith('job-status-')).join(' ')}`;
      swatch.setAttribute('aria-hidden', 'true');
      const link = document.createElement('a');
      link.href = event.url;
      link.textContent = event.title;
      const when = document.createElement('time');
      when.dateTime = event.start;
      when.textContent = listFormat.format(new Date(`${event.start}Z`));
      when.className = 'text-body-secondary small';
      const status = document.createElement('span');
      status.className = 'badge text-bg-light';
      status.textContent = event.extendedProps.statusLabel;
      item.append(swatch, link, when, status);
      return item;
    });
  list.replaceChildren(...items);
  if (empty) {
    empty.hidden = items.length > 0;
  }
}

async function load(info, success, failure) {
  const url = new URL(data.eventsUrl, window.location.origin);
  url.searchParams.set('start', info.startStr);
  url.searchParams.set('end', info.endStr);
  try {
    const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (!response.ok) {
      throw new Error(String(response.status));
    }
    const feed = await response.json();
    success(feed.events);
    renderList(feed.events);
    if (feed.truncated) {
      say(data.msgTruncated, 'info');
    }
  } catch (error) {
    say(data.msgLoadFailed, 'danger');
    failure(error);
  }
}

async function move(info) {
  const body = new URLSearchParams({ start: info.event.startStr });
  const headers = { Accept: 'application/json' };
  const token = meta('_csrf');
  const header = meta('_csrf_header');
  if (token && header) {
    headers[header] = token;
  }
  let answer = null;
  try {
    const response = await fetch(`${data.moveUrl}${info.event.id}`, {
      method: 'POST', body, headers, credentials: 'same-origin',
    });
    answer = await response.json().catch(() => null);
    // No JSON answer means the request never reached us as the viewer (an expired session
    // ends on the sign-in page): not a success either.
    if (!response.ok || !answer) {
      throw new Error(answer?.message || data.msgMoveFailed);
    }
  } catch (error) {
    info.revert();
    say(error.message || data.msgMoveFailed, 'warning');
    return;
  }
  say(data.msgMoved, 'success');
  calendar.refetchEvents();
}

let calendar = null;
if (element && window.FullCalendar) {
  calendar = new window.FullCalendar.Calendar(element, {
    timeZone: 'UTC',
    now: data.now,
    locale: data.locale,
    initialView: window.matchMedia('(max-width: 576px)').matches ? 'timeGridDay' : 'dayGridMonth',
    headerToolbar: { left: 'prev,next today', center: 'title', right: 'dayGridMonth,timeGridWeek,timeGridDay' },
    height: 'auto',
    // The icon font FullCalendar embeds as a data: URL is blocked by the CSP; words read better anyway.
    buttonIcons: false,
    eventTimeFormat: { hour: '2-digit', minute: '2-digit', hour12: false },
    nowIndicator: true,
    // Week and day views open at the current hour rather than at midnight.
    scrollTime: data.now ? `${data.now.slice(11, 13)}:00:00` : '06:00:00',
    eventDisplay: 'block',
    displayEventEnd: false,
    defaultTimedEventDuration: '00:30',
    eventDurationEditable: false,
    // Only SCHEDULED jobs can move (each event says so in "editable"); the server checks again.
    eventAllow: (span, event) => event.extendedProps.status === 'SCHEDULED',
    events: load,
    eventDrop: move,
    eventDidMount: (info) => {
      info.el.dataset.jobId = info.event.id;
      info.el.dataset.status = info.event.extendedProps.status;
      info.el.setAttribute('title', `${info.event.title} · ${info.event.extendedProps.statusLabel}`);
    },
  });
  calendar.render();
  element.dataset.ready = 'true';
}
