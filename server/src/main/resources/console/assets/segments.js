// Segments: coming in a later slice of issue 14.
import {h, fill} from './dom.js';

export function segments(main) {
  fill(main, h('h1', {}, 'Segments'), h('p', {class: 'muted'}, 'Not in this build of the console yet.'));
}
