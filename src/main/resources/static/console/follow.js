// While a run goes on, the page follows it: reloaded every 3 seconds until the run has ended.
setTimeout(function () { window.location.reload(); }, 3000);
