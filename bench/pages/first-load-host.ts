// A host page's first render of the User Segments page: the one tag, a fetch-based adapter.
import '../../components/user-segments/user-segments.ts';
import { FetchAdapter, asAdapter } from './first-load-adapter.ts';

const page = document.createElement('user-segments');
page.adapter = asAdapter(new FetchAdapter('/api'));
document.body.append(page);
