// Navigation between console pages without reloading: the shell listens for this event and renders.

/** Goes to a console address, keeping history. */
export function navigate(href) {
  history.pushState(null, '', href);
  window.dispatchEvent(new Event('console:navigate'));
}
