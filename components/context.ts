/**
 * `user-segments/context`: hands an adapter to every element below an ancestor, without
 * loading or registering any element — for an app shell that provides the adapter at start and
 * loads the segments page later.
 */
export { provideSegmentAdapter, segmentAdapterContext } from './shared/adapter.ts';
