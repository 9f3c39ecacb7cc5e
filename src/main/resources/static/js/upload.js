// Drag-and-drop upload with a progress bar. Without JavaScript the form posts normally and the page reloads.
(function () {
    const form = document.getElementById('upload-form');
    if (!form) return;
    const input = document.getElementById('files');
    const zone = document.getElementById('dropzone');
    const chosen = document.getElementById('chosen');
    const progress = document.getElementById('upload-progress');
    const status = document.getElementById('upload-status');
    const results = document.getElementById('upload-results');
    const button = document.getElementById('upload-button');
    let files = [];

    function show() {
        chosen.replaceChildren(...files.map(file => {
            const item = document.createElement('li');
            item.textContent = file.name + ' · ' + (file.size / 1e6).toFixed(1) + ' MB';
            return item;
        }));
        button.textContent = files.length > 1 ? 'Upload ' + files.length + ' files' : 'Upload';
    }

    input.addEventListener('change', () => { files = Array.from(input.files); show(); });
    zone.addEventListener('keydown', event => {
        if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); input.click(); }
    });
    zone.addEventListener('click', event => { if (event.target === zone) input.click(); });
    ['dragenter', 'dragover'].forEach(type => zone.addEventListener(type, event => {
        event.preventDefault();
        zone.classList.add('over');
    }));
    ['dragleave', 'drop'].forEach(type => zone.addEventListener(type, () => zone.classList.remove('over')));
    zone.addEventListener('drop', event => {
        event.preventDefault();
        files = files.concat(Array.from(event.dataTransfer.files));
        show();
    });

    form.addEventListener('submit', event => {
        event.preventDefault();
        if (files.length === 0) { status.textContent = 'Choose at least one file first.'; return; }
        const data = new FormData();
        files.forEach(file => data.append('files', file, file.name));
        data.append('ownership', document.getElementById('ownership').checked ? 'true' : 'false');
        data.append('tags', document.getElementById('tags').value);
        const request = new XMLHttpRequest();
        request.open('POST', form.action);
        request.setRequestHeader('Accept', 'application/json');
        const token = document.querySelector('meta[name="csrf-token"]');
        const header = document.querySelector('meta[name="csrf-header"]');
        if (token && header) request.setRequestHeader(header.content, token.content);
        progress.hidden = false;
        progress.value = 0;
        button.disabled = true;
        request.upload.addEventListener('progress', e => {
            if (e.lengthComputable) {
                progress.value = Math.round(100 * e.loaded / e.total);
                status.textContent = 'Uploading… ' + progress.value + '%';
            }
        });
        request.addEventListener('load', () => {
            button.disabled = false;
            if (request.status >= 200 && request.status < 300) {
                const outcome = JSON.parse(request.responseText);
                status.textContent = outcome.accepted.length + ' uploaded, ' + outcome.rejected.length + ' refused.';
                results.replaceChildren(...outcome.rejected.map(refusal => {
                    const item = document.createElement('li');
                    const name = document.createElement('strong');
                    name.textContent = refusal.fileName;
                    item.append(name, ': ' + refusal.title + ' · ' + refusal.detail);
                    return item;
                }));
                files = [];
                show();
                if (outcome.accepted.length > 0) {
                    htmx.ajax('GET', window.location.pathname, { target: '#works', select: '#works', swap: 'outerHTML' });
                }
            } else {
                let detail = 'The upload failed (' + request.status + ').';
                try { detail = JSON.parse(request.responseText).detail || detail; } catch (ignored) { }
                status.textContent = detail;
            }
        });
        request.addEventListener('error', () => {
            button.disabled = false;
            status.textContent = 'The upload was interrupted. Nothing was lost; try again.';
        });
        request.send(data);
    });
})();
