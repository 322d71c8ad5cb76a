import { journeysOn } from './matrix.ts';

journeysOn('cached');
