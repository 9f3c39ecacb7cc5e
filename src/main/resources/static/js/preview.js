// The brief's live character count, and a preview's live progress over server-sent events (phase, tokens per draft);
// the page reloads when the preview is ready or has failed. Without JavaScript both pages work, minus the liveliness.
(function () {
    const brief = document.querySelector('textarea[data-count]');
    if (brief) {
        const count = document.getElementById(brief.dataset.count);
        const min = Number(count.dataset.min);
        const max = Number(count.dataset.max);
        const show = () => {
            const length = brief.value.trim().length;
            count.textContent = length + ' / ' + max + ' characters'
                + (length > 0 && length < min ? ' · ' + (min - length) + ' more needed' : '')
                + (length > max ? ' · ' + (length - max) + ' too many' : '');
            count.classList.toggle('field-error', length > max || (length > 0 && length < min));
        };
        brief.addEventListener('input', show);
        show();
    }

    const box = document.getElementById('preview-progress');
    if (!box) return;
    const candidates = Number(box.dataset.candidates);
    const phase = document.getElementById('preview-phase');
    const phases = {
        retrieving: () => 'Finding passages of the creator\u2019s work\u2026',
        writing: exemplars => 'Writing ' + candidates + (candidates === 1 ? ' draft' : ' drafts')
            + (exemplars > 0 ? ' from ' + exemplars + (exemplars === 1 ? ' passage' : ' passages')
                + ' of the creator\u2019s work' : '') + '\u2026',
        scoring: () => 'Scoring the drafts against the creator\u2019s style\u2026'
    };
    const events = new EventSource(box.dataset.events);
    // With hx-boost the person may have moved on to another page in the same document: then stop listening.
    const gone = () => {
        if (box.isConnected) return false;
        events.close();
        return true;
    };
    events.addEventListener('phase', event => {
        if (gone()) return;
        const update = JSON.parse(event.data);
        const text = phases[update.phase];
        if (text) phase.textContent = text(update.exemplars);
    });
    events.addEventListener('progress', event => {
        if (gone()) return;
        const update = JSON.parse(event.data);
        const counter = box.querySelector('[data-candidate="' + update.candidate + '"]');
        if (!counter) return;
        counter.textContent = update.tokens + (update.tokens === 1 ? ' token' : ' tokens');
        const bar = counter.parentElement.querySelector('progress');
        if (bar) bar.value = Math.min(update.tokens, Number(bar.max));
    });
    events.addEventListener('ready', () => {
        if (gone()) return;
        events.close();
        phase.textContent = 'Ready.';
        window.location.reload();
    });
    events.addEventListener('failed', event => {
        if (gone()) return;
        events.close();
        phase.textContent = JSON.parse(event.data).detail;
        window.location.reload();
    });
})();
