import { FIELDS } from '../src/core.ts';

const sentence = document.querySelector('#sentence');
if (sentence) {
  sentence.textContent = `Filters can test ${FIELDS.length} customer fields: ${FIELDS.map((f) => f.label).join(', ')}.`;
}
