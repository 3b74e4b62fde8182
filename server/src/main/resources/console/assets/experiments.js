// Experiments: coming in a later slice of issue 14.
import {h, fill} from './dom.js';

export function experiments(main) {
  fill(main, h('h1', {}, 'Experiments'), h('p', {class: 'muted'}, 'Not in this build of the console yet.'));
}
