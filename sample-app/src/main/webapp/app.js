'use strict';

// The RedisEE chat page: plain DOM and fetch, no build step. The server's API is under api/, the room's WebSocket
// under ws/rooms/<room>; both are relative to this page, so the app works under any context root.

const MAX_MESSAGE = 2000;
const NODE_REFRESH_MS = 10000;
const ROOMS_REFRESH_MS = 15000;
const RECONNECT_MAX_MS = 10000;

const base = new URL('.', location.href);
const $ = (id) => document.getElementById(id);

const state = {
  me: null,            // the signed-in user's profile
  room: null,          // the room shown
  socket: null,        // its WebSocket
  shown: new Set(),    // ids of the messages on screen, so a message arriving twice shows once
  users: [],           // who is in the room
  profiles: new Map(), // name -> profile promise, for the user list
  reconnectDelay: 1000,
};

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function api(method, path, body) {
  let response;
  try {
    response = await fetch(new URL('api/' + path, base), {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (unreachable) {
    throw new ApiError(0, 'The server cannot be reached. Is it running?');
  }
  if (response.ok) {
    return response.status === 204 ? null : response.json();
  }
  throw new ApiError(response.status, await errorMessage(response));
}

/** Turns an error response into a sentence: the API's {"error": ...}, or what its status means. */
async function errorMessage(response) {
  if (response.status === 429) {
    const seconds = response.headers.get('Retry-After') || 'a few';
    return `Too many attempts: rate limit reached. Try again in ${seconds} s.`;
  }
  const text = await response.text();
  try {
    const body = JSON.parse(text);
    if (body && body.error) {
      return body.error;
    }
  } catch (notJson) {
    // RedisEE's session filter answers 503 in plain text; other errors may too.
  }
  if (response.status === 503) {
    return 'Redis is unavailable right now. Try again in a few seconds.';
  }
  return text.trim() || `${response.status} ${response.statusText}`;
}

function show(element, message) {
  element.textContent = message || '';
  element.hidden = !message;
}

// --- Node and Redis status -----------------------------------------------------------------------------------------

async function refreshNode() {
  try {
    const node = await api('GET', 'node');
    $('node-name').textContent = node.node;
    $('redis-status').textContent = node.redisReachable ? 'Redis OK' : 'Redis unavailable';
    $('redis-status').classList.toggle('down', !node.redisReachable);
    show($('banner'), node.redisReachable ? '' : `Redis is unavailable: ${node.redisProblem}. ` +
        'Signing in and sending messages fail until it is back; nothing you typed is lost.');
    link($('health-link'), node.health);
    link($('metrics-link'), node.metrics);
  } catch (e) {
    // 503: this app's answer while Redis is down (a signed-in request needs Redis before it gets anywhere)
    $('redis-status').textContent = e.status === 503 ? 'Redis unavailable' : 'Server unreachable';
    $('redis-status').classList.add('down');
    show($('banner'), e.message);
  }
}

function link(anchor, href) {
  anchor.hidden = !href;
  if (href) {
    anchor.href = href;
  }
}

// --- Signing in and out --------------------------------------------------------------------------------------------

async function signIn(path) {
  show($('login-error'), '');
  const credentials = { name: $('login-name').value.trim(), password: $('login-password').value };
  try {
    enterChat(await api('POST', path, credentials));
    $('login-password').value = '';
  } catch (e) {
    show($('login-error'), e.message);
  }
}

function enterChat(profile) {
  state.me = profile;
  state.profiles.set(profile.name, Promise.resolve(profile));
  showCurrentUser();
  $('login-view').hidden = true;
  $('chat-view').hidden = false;
  $('account').hidden = false;
  loadRooms();
  const fromUrl = new URLSearchParams(location.hash.slice(1)).get('room');
  if (fromUrl) {
    openRoom(fromUrl);
  }
}

function showCurrentUser() {
  $('current-user').textContent = state.me.displayName;
  $('current-user').dataset.user = state.me.name;
  $('current-user').style.setProperty('--colour', state.me.colour);
}

/** Back to the sign-in form, with a reason when the server ended the session. */
function leaveChat(reason) {
  closeSocket();
  state.me = null;
  state.room = null;
  state.profiles.clear();
  $('chat-view').hidden = true;
  $('account').hidden = true;
  $('login-view').hidden = false;
  show($('login-error'), reason);
  $('login-name').focus();
}

async function logOut() {
  try {
    await api('DELETE', 'session');
    history.replaceState(null, '', location.pathname);
    leaveChat('');
  } catch (e) {
    show($('banner'), e.message);
  }
}

// --- Rooms ---------------------------------------------------------------------------------------------------------

async function loadRooms() {
  if (!state.me) {
    return;
  }
  try {
    renderRooms(await api('GET', 'rooms'));
    show($('room-error'), '');
  } catch (e) {
    handleApiError(e, $('room-error'));
  }
}

function renderRooms(rooms) {
  const list = $('room-list');
  list.replaceChildren(...rooms.map((room) => {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'room' + (room.name === state.room ? ' current' : '');
    button.dataset.room = room.name;
    button.textContent = '#' + room.name;
    button.title = 'Last activity ' + new Date(room.lastActivity).toLocaleString();
    button.addEventListener('click', () => openRoom(room.name));
    item.append(button);
    return item;
  }));
  $('no-rooms').hidden = rooms.length > 0;
}

async function createRoom(event) {
  event.preventDefault();
  show($('room-error'), '');
  try {
    const room = await api('POST', 'rooms', { name: $('room-name').value.trim() });
    $('room-name').value = '';
    openRoom(room.name);
    loadRooms();
  } catch (e) {
    handleApiError(e, $('room-error'));
  }
}

function openRoom(name) {
  closeSocket();
  state.room = name;
  state.shown.clear();
  state.users = [];
  history.replaceState(null, '', '#room=' + encodeURIComponent(name));
  $('room-title').textContent = '#' + name;
  $('messages').replaceChildren();
  $('online-users').replaceChildren();
  $('online-count').textContent = '';
  show($('message-error'), '');
  $('message-input').disabled = false;
  $('send').disabled = false;
  document.querySelectorAll('#room-list .room').forEach((button) =>
    button.classList.toggle('current', button.dataset.room === name));
  connect(name);
  $('message-input').focus();
}

// --- The room's WebSocket ------------------------------------------------------------------------------------------

/**
 * Opens the socket first and loads the history once it is open, so no message falls between the two; messages the
 * socket brings while the history loads wait, and show after it.
 */
function connect(room) {
  const url = new URL('ws/rooms/' + encodeURIComponent(room), base);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = new WebSocket(url);
  const waiting = [];
  let historyLoaded = false;
  state.socket = socket;

  socket.addEventListener('open', async () => {
    state.reconnectDelay = 1000;
    try {
      (await api('GET', `rooms/${encodeURIComponent(room)}/messages`)).forEach(showMessage);
    } catch (e) {
      handleApiError(e, $('message-error'));
    }
    historyLoaded = true;
    waiting.forEach(showMessage);
  });

  socket.addEventListener('message', (event) => {
    const frame = JSON.parse(event.data);
    if (frame.type === 'message') {
      historyLoaded ? showMessage(frame.message) : waiting.push(frame.message);
    } else if (frame.type === 'presence') {
      showPresence(frame);
    }
  });

  socket.addEventListener('close', (event) => {
    if (state.socket !== socket) {
      return; // closed on purpose: another room, or signed out
    }
    state.socket = null;
    if (event.code === 1008) { // refused by the server, with a reason
      if (event.reason.startsWith('Sign in') || event.reason.includes('logged out')) {
        leaveChat(event.reason);
      } else {
        show($('message-error'), event.reason);
      }
      return;
    }
    show($('message-error'), 'Connection lost; reconnecting...');
    setTimeout(() => {
      if (state.room === room && !state.socket) {
        show($('message-error'), '');
        connect(room);
      }
    }, state.reconnectDelay);
    state.reconnectDelay = Math.min(state.reconnectDelay * 2, RECONNECT_MAX_MS);
  });
}

function closeSocket() {
  const socket = state.socket;
  state.socket = null;
  if (socket) {
    socket.close();
  }
}

// --- Messages ------------------------------------------------------------------------------------------------------

function showMessage(message) {
  if (message.room !== state.room || state.shown.has(message.id)) {
    return;
  }
  state.shown.add(message.id);
  const item = document.createElement('li');
  item.className = 'message' + (state.me && message.author === state.me.name ? ' mine' : '');
  item.dataset.id = message.id;
  item.dataset.author = message.author;

  const avatar = document.createElement('span');
  avatar.className = 'avatar';
  avatar.style.background = message.colour;
  avatar.textContent = message.displayName.charAt(0).toUpperCase();

  const author = document.createElement('strong');
  author.className = 'author';
  author.textContent = message.displayName;
  const time = document.createElement('time');
  time.dateTime = message.sentAt;
  time.textContent = new Date(message.sentAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const meta = document.createElement('div');
  meta.className = 'meta';
  meta.append(author, ' ', time);

  const text = document.createElement('p');
  text.className = 'text';
  text.textContent = message.text;

  const body = document.createElement('div');
  body.append(meta, text);
  item.append(avatar, body);
  appendToConversation(item);
}

/** Adds a line and keeps the newest in view, unless the reader has scrolled up. */
function appendToConversation(item) {
  const list = $('messages');
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  list.append(item);
  if (atBottom) {
    list.scrollTop = list.scrollHeight;
  }
}

async function send(event) {
  event.preventDefault();
  const input = $('message-input');
  show($('message-error'), '');
  try {
    const message = await api('POST', `rooms/${encodeURIComponent(state.room)}/messages`, { text: input.value });
    input.value = ''; // only now: a refused message stays in the box, to fix and send again
    updateCount();
    showMessage(message);
  } catch (e) {
    handleApiError(e, $('message-error'));
  }
  input.focus();
}

function updateCount() {
  const length = [...$('message-input').value.trim()].length;
  $('char-count').textContent = length > MAX_MESSAGE * 0.9 ? `${length} / ${MAX_MESSAGE}` : '';
  $('char-count').classList.toggle('over', length > MAX_MESSAGE);
}

// --- Presence and profiles -----------------------------------------------------------------------------------------

function showPresence(frame) {
  // The list is the truth: a second tab of someone already here, or one of two tabs closing, changes nothing.
  const was = state.users.includes(frame.user);
  const is = frame.users.includes(frame.user);
  state.users = frame.users;
  if (frame.user !== state.me.name && was !== is) {
    note(`${frame.user} ${is ? 'joined' : 'left'}`);
  }
  if (frame.joined) {
    state.profiles.delete(frame.user); // a user who comes back may have changed their profile
  }
  renderUsers();
  $('online-count').textContent = `${frame.online} online in all rooms`;
}

function note(text) {
  const item = document.createElement('li');
  item.className = 'note';
  item.textContent = text;
  appendToConversation(item);
}

function renderUsers() {
  $('online-users').replaceChildren(...state.users.map((name) => {
    const item = document.createElement('li');
    item.className = 'user';
    item.dataset.user = name;
    const dot = document.createElement('span');
    dot.className = 'dot';
    const label = document.createElement('span');
    label.textContent = name;
    const status = document.createElement('span');
    status.className = 'status';
    item.append(dot, label, status);
    profile(name).then((p) => {
      dot.style.background = p.colour;
      label.textContent = p.displayName;
      status.textContent = p.status;
    }, () => { /* keeps the plain name */ });
    return item;
  }));
}

function profile(name) {
  if (!state.profiles.has(name)) {
    state.profiles.set(name, api('GET', 'profiles/' + encodeURIComponent(name)));
  }
  return state.profiles.get(name);
}

function openProfile() {
  $('profile-display-name').value = state.me.displayName;
  $('profile-colour').value = state.me.colour;
  $('profile-status').value = state.me.status;
  show($('profile-error'), '');
  $('profile-dialog').showModal();
}

async function saveProfile(event) {
  event.preventDefault();
  try {
    state.me = await api('PUT', 'profiles/' + encodeURIComponent(state.me.name), {
      displayName: $('profile-display-name').value,
      colour: $('profile-colour').value,
      status: $('profile-status').value,
    });
    state.profiles.set(state.me.name, Promise.resolve(state.me));
    showCurrentUser();
    renderUsers();
    $('profile-dialog').close();
  } catch (e) {
    handleApiError(e, $('profile-error'));
  }
}

/** Shows the error where it happened; a session that has ended sends the user back to the sign-in form. */
function handleApiError(error, where) {
  if (error.status === 401) {
    leaveChat(error.message);
  } else {
    show(where, error.message);
  }
}

// --- Start ---------------------------------------------------------------------------------------------------------

function start() {
  $('login-form').addEventListener('submit', (event) => {
    event.preventDefault();
    signIn('session');
  });
  $('register-button').addEventListener('click', () => signIn('accounts'));
  $('logout-button').addEventListener('click', logOut);
  $('room-form').addEventListener('submit', createRoom);
  $('composer').addEventListener('submit', send);
  $('message-input').addEventListener('input', updateCount);
  $('message-input').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $('composer').requestSubmit();
    }
  });
  $('current-user').addEventListener('click', openProfile);
  $('profile-form').addEventListener('submit', saveProfile);
  $('profile-cancel').addEventListener('click', () => $('profile-dialog').close());

  refreshNode();
  setInterval(refreshNode, NODE_REFRESH_MS);
  setInterval(loadRooms, ROOMS_REFRESH_MS);
  api('GET', 'session').then(enterChat, () => $('login-name').focus());
}

start();
