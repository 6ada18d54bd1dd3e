// RedisEE sample: no framework, no build. Talks to the JAX-RS resources under ./api.
(() => {
  'use strict';

  const $ = (id) => document.getElementById(id);
  const errorBanner = $('error');
  const counterOut = $('counter');
  const button = $('increment');

  async function call(method, path) {
    let response;
    try {
      response = await fetch(path, { method, headers: { Accept: 'application/json' } });
    } catch (networkError) {
      throw new Error('The app does not answer (is the server running?)');
    }
    let body = null;
    try { body = await response.json(); } catch (ignored) { /* not JSON */ }
    if (!response.ok) {
      const reason = body && body.error ? `${body.error} (${body.detail || 'no detail'})` : `HTTP ${response.status}`;
      throw new Error(reason);
    }
    return body;
  }

  function showError(err) {
    errorBanner.textContent = `${err.message}. Retrying every 5 s.`;
    errorBanner.hidden = false;
  }

  function clearError() {
    errorBanner.hidden = true;
  }

  function showCounter(value) {
    counterOut.textContent = value;
    counterOut.classList.remove('bump');
    void counterOut.offsetWidth; // restart the animation
    counterOut.classList.add('bump');
  }

  function formatUptime(seconds) {
    if (seconds < 0) return '?';
    const d = Math.floor(seconds / 86400);
    const h = Math.floor((seconds % 86400) / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    const s = seconds % 60;
    if (d > 0) return `${d}d ${h}h ${m}m`;
    if (h > 0) return `${h}h ${m}m`;
    if (m > 0) return `${m}m ${s}s`;
    return `${s}s`;
  }

  async function refreshInfo() {
    try {
      const info = await call('GET', 'api/info');
      $('version').textContent = info.version;
      $('mode').textContent = info.mode;
      $('uptime').textContent = formatUptime(info.uptimeSeconds);
      $('clients').textContent = info.connectedClients;
      $('memory').textContent = info.usedMemory;
      $('maxmemory').textContent = info.maxMemory;
      $('keys').textContent = info.keys;
      $('ping').textContent = `${info.pingMillis} ms`;
      $('address').textContent = info.address;
      $('topology').textContent = info.topology;
      const port = String(info.address).split(':').pop();
      $('cli-hint').textContent = port === '6379'
        ? 'redis-cli get redisee:sample:counter'
        : `redis-cli -p ${port} get redisee:sample:counter`;
      $('updated').textContent = `updated ${new Date().toLocaleTimeString()}`;
      clearError();
    } catch (err) {
      showError(err);
    }
  }

  async function refreshCounter() {
    try {
      const counter = await call('GET', 'api/counter');
      counterOut.textContent = counter.value;
    } catch (err) {
      showError(err);
    }
  }

  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const counter = await call('POST', 'api/counter');
      showCounter(counter.value);
      clearError();
    } catch (err) {
      showError(err);
    } finally {
      button.disabled = false;
    }
  });

  refreshInfo();
  refreshCounter();
  // Keep the page live: other tabs and nodes change the counter too.
  setInterval(() => {
    if (document.visibilityState === 'visible') {
      refreshInfo();
      refreshCounter();
    }
  }, 5000);
})();
