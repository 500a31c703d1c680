// Behaviour shared by every page. Everything works without it; it adds htmx's CSRF header,
// visible errors for failed htmx requests, CNPJ masks and the browser's time zone on sign-up.
import { attach as attachCnpj } from './cnpj.js';

const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.getAttribute('content');

document.addEventListener('htmx:configRequest', (event) => {
  const token = meta('_csrf');
  const header = meta('_csrf_header');
  if (token && header) {
    event.detail.headers[header] = token;
  }
});

function showError(message) {
  const box = document.getElementById('global-alert');
  if (!box || !message) {
    return;
  }
  box.replaceChildren();
  const alert = document.createElement('div');
  alert.className = 'alert alert-danger alert-dismissible shadow-sm d-flex gap-2 align-items-start';
  const icon = document.createElement('i');
  icon.className = 'bi bi-exclamation-octagon-fill';
  icon.setAttribute('aria-hidden', 'true');
  const text = document.createElement('span');
  text.textContent = message;
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'btn-close';
  close.dataset.bsDismiss = 'alert';
  close.setAttribute('aria-label', document.body.dataset.closeLabel || '');
  alert.append(icon, text, close);
  box.append(alert);
}

document.addEventListener('htmx:responseError', () => showError(document.body.dataset.requestFailed));
document.addEventListener('htmx:sendError', () => showError(document.body.dataset.connectionFailed));

function suggestBrowserZone(root) {
  root.querySelectorAll('select[data-suggest-browser-zone]').forEach((select) => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && [...select.options].some((option) => option.value === zone)) {
      select.value = zone;
    }
    select.removeAttribute('data-suggest-browser-zone');
  });
}

function enhance(root) {
  root.querySelectorAll('input[data-cnpj]').forEach(attachCnpj);
  suggestBrowserZone(root);
}

// After an htmx swap, new content is enhanced and a form's error summary takes the focus, so
// screen readers announce it and keyboard users start from it.
document.addEventListener('htmx:load', (event) => enhance(event.detail.elt));
document.addEventListener('htmx:afterSwap', (event) => {
  event.detail.target.closest('body')?.querySelector('[data-autofocus]')?.focus();
});
enhance(document);
