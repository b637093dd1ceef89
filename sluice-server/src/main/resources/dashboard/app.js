// The dashboard's router: each page is a module whose render(main, params) draws it and answers a
// function that stops what it started (event streams, timers) when the visitor leaves.
import {applyRights, askForKey, forgetKey, hasKey, myRights} from './api.js';
import {errorText, fill, h} from './dom.js';
import * as jobs from './jobs.js';
import * as job from './job.js';
import * as collections from './collections.js';
import * as newImport from './new-import.js';

const ROUTES = [
  [/^#\/jobs\/([^/]+)$/, job, 'jobs'],
  [/^#\/collections\/([^/]+)$/, collections.one, 'collections'],
  [/^#\/collections$/, collections, 'collections'],
  [/^#\/new$/, newImport, 'new'],
  [/^#\/jobs$/, jobs, 'jobs'],
];

let leave = () => {};

async function route() {
  const hash = location.hash || '#/jobs';
  const found = ROUTES.find(([pattern]) => pattern.test(hash));
  if (!found) { location.replace('#/jobs'); return; }
  const [pattern, page, section] = found;
  const params = hash.match(pattern).slice(1).map(decodeURIComponent);
  leave();
  const main = document.getElementById('main');
  for (const a of document.querySelectorAll('[data-nav]')) {
    if (a.dataset.nav === section) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  fill(main, h('p', {}, 'Loading…'));
  try {
    await whoAmI();
    const stop = await page.render(main, ...params);
    leave = typeof stop === 'function' ? stop : () => {};
    applyRights(document.body);
    const heading = main.querySelector('h1');
    document.title = (heading ? heading.textContent + ' · ' : '') + 'Sluice';
    main.focus({preventScroll: true});
  } catch (e) {
    fill(main, h('h1', {}, 'Something went wrong'), h('p', {class: 'error', role: 'alert'}, errorText(e)));
  }
}

async function whoAmI() {
  const me = await myRights();
  const who = document.getElementById('who');
  who.textContent = me.name === null ? 'open server (no key needed)' : `key: ${me.name}`;
  who.title = `scopes: ${me.scopes.join(', ')}; collections: ${me.collections.join(', ')}`;
  document.getElementById('forget-key').hidden = !hasKey();
}

document.getElementById('forget-key').addEventListener('click', async () => {
  forgetKey();
  await askForKey('Enter the key to use.');
  route();
});
window.addEventListener('hashchange', route);
route();
