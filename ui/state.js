// What the queue and item pages share: the filters and the order of the last listed items (j/k).
const KEY = 'clipguard.queue';

function load() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY)) ?? {};
  } catch {
    return {};
  }
}

const saved = load();
export const queue = {
  filters: { status: 'open', policy: '', decision: '', age: '', ...(saved.filters ?? {}) },
  ids: saved.ids ?? [],
};

export function saveQueue() {
  sessionStorage.setItem(KEY, JSON.stringify(queue));
}

const AGES = { '1h': 3600e3, '24h': 24 * 3600e3, '7d': 7 * 24 * 3600e3 };
export const AGE_LABELS = { '': 'Any age', '1h': 'Opened in the last hour', '24h': 'Last 24 hours', '7d': 'Last 7 days' };

/** The API's filter parameters for the queue's filters (age becomes `from`). */
export function filterParams(f) {
  return {
    status: f.status || undefined,
    policy: f.policy || undefined,
    decision: f.decision || undefined,
    from: f.age && AGES[f.age] ? new Date(Date.now() - AGES[f.age]).toISOString() : undefined,
  };
}

/** Wellness settings, remembered per moderator in this browser. */
export function wellness(name) {
  try {
    return { grayscale: false, ...JSON.parse(localStorage.getItem(`clipguard.wellness.${name}`) ?? '{}') };
  } catch {
    return { grayscale: false };
  }
}

export function saveWellness(name, w) {
  localStorage.setItem(`clipguard.wellness.${name}`, JSON.stringify(w));
}
