// Live training progress over server-sent events; reloads the page when the training ends.
(function () {
    const box = document.getElementById('training');
    if (!box || ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(box.dataset.status)) return;
    const events = new EventSource(box.dataset.events);
    const text = (id, value) => { document.getElementById(id).textContent = value; };
    function show(update) {
        document.getElementById('training-progress').value = update.percent;
        text('training-percent', update.percent + '%');
        text('training-status', update.status.toLowerCase());
        text('training-phase', update.phase === update.status.toLowerCase() ? '' : update.phase);
        text('training-count', update.total > 0 ? update.done + ' of ' + update.total + ' chunks' : '');
        text('training-eta', update.etaSeconds == null ? '' : '· about ' + (update.etaSeconds < 90
            ? update.etaSeconds + ' s' : Math.round(update.etaSeconds / 60) + ' min') + ' left');
    }
    // With hx-boost the person may have moved on to another page in the same document: then stop listening.
    const gone = () => {
        if (box.isConnected) return false;
        events.close();
        return true;
    };
    events.addEventListener('progress', event => { if (!gone()) show(JSON.parse(event.data)); });
    events.addEventListener('finished', event => {
        if (gone()) return;
        show(JSON.parse(event.data));
        events.close();
        window.location.reload();
    });
})();
