// The baseline: the same page through the package's main entry, which registers every element.
import '../../components/index.ts';
import { FetchAdapter, asAdapter } from './first-load-adapter.ts';

const page = document.createElement('user-segments');
page.adapter = asAdapter(new FetchAdapter('/api'));
document.body.append(page);
