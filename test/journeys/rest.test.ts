import { journeysOn } from './matrix.ts';

journeysOn('rest');
