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

    function size(bytes) {
        return bytes < 1e6 ? Math.max(1, Math.round(bytes / 1e3)) + ' KB' : (bytes / 1e6).toFixed(1) + ' MB';
    }

    // Replaces the works grid and the summary line above the form with fresh ones from the server.
    function refreshWorks() {
        fetch(window.location.pathname, { headers: { 'Accept': 'text/html' } })
            .then(response => response.ok ? response.text() : Promise.reject(response.status))
            .then(html => {
                const fresh = new DOMParser().parseFromString(html, 'text/html');
                ['portfolio-summary', 'works-region'].forEach(id => {
                    const current = document.getElementById(id);
                    const replacement = fresh.getElementById(id);
                    if (current && replacement) {
                        current.replaceWith(replacement);
                        htmx.process(replacement);
                    }
                });
            })
            .catch(() => { status.textContent += ' Reload the page to see them.'; });
    }

    function show() {
        chosen.replaceChildren(...files.map(file => {
            const item = document.createElement('li');
            item.textContent = file.name + ' · ' + size(file.size);
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
            progress.hidden = true;
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
                if (outcome.accepted.length > 0) refreshWorks();
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
