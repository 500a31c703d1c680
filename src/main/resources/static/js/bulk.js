// The bulk import form: refuses a file over the limit before sending it, and moves the progress
// bar while the file goes up (htmx's upload progress events). Without JavaScript the form posts
// normally and the server checks the same limit.
const form = document.getElementById('bulk-form');
const bar = document.getElementById('bulk-progress-bar');

function refuse(message) {
  const result = document.getElementById('bulk-result');
  if (!result) {
    return;
  }
  const alert = document.createElement('div');
  alert.className = 'alert alert-danger';
  alert.id = 'bulk-problem';
  alert.tabIndex = -1;
  alert.textContent = message;
  result.replaceChildren(alert);
  alert.focus();
}

if (form) {
  form.addEventListener('htmx:beforeRequest', (event) => {
    const file = form.querySelector('input[type=file]')?.files?.[0];
    if (file && file.size > Number(form.dataset.maxBytes)) {
      event.preventDefault();
      refuse(form.dataset.msgTooLarge);
      return;
    }
    if (bar) {
      bar.removeAttribute('value');
    }
  });
  form.addEventListener('htmx:xhr:progress', (event) => {
    if (!bar || !event.detail.lengthComputable || event.detail.total <= 0) {
      return;
    }
    if (event.detail.loaded >= event.detail.total) {
      bar.removeAttribute('value'); // sent: the server is checking and scheduling the rows
    } else {
      bar.value = Math.round((event.detail.loaded / event.detail.total) * 100);
    }
  });
}
