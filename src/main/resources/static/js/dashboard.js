// The dashboard's chart: jobs per day over the last 30 days, stacked by status, drawn with
// Chart.js (global build from the WebJar) from the JSON the server put in data-chart. Colours
// are the status colours of app.css, so the chart, the cards and the calendar agree.
const canvas = document.getElementById('dashboard-chart');

function statusColour(status) {
  const value = getComputedStyle(document.documentElement).getPropertyValue(`--status-${status.toLowerCase()}`);
  return value.trim() || '#888';
}

if (canvas && window.Chart) {
  const data = JSON.parse(canvas.dataset.chart);
  const language = canvas.dataset.locale || 'pt-BR';
  const dayFormat = new Intl.DateTimeFormat(language, { day: '2-digit', month: 'short', timeZone: 'UTC' });
  // Finished outcomes first, at the bottom of each stack.
  const order = ['SUCCEEDED', 'NOT_FOUND', 'FAILED', 'CANCELED', 'RUNNING', 'SCHEDULED'];
  const datasets = order
    .filter((status) => data.series[status])
    .map((status) => ({
      label: canvas.dataset[`label${status.charAt(0)}${status.slice(1).toLowerCase()}`] || status,
      data: data.series[status],
      backgroundColor: statusColour(status),
      borderWidth: 0,
      stack: 'jobs',
    }));
  const chart = new window.Chart(canvas, {
    type: 'bar',
    data: { labels: data.days.map((day) => dayFormat.format(new Date(`${day}T00:00:00Z`))), datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: {
        x: { stacked: true, ticks: { maxRotation: 0, autoSkip: true } },
        y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } },
      },
      plugins: { legend: { position: 'bottom' } },
    },
  });
  canvas.dataset.rendered = String(chart.data.datasets.length);
}
