import { journeysOn } from './matrix.ts';

journeysOn('local');
