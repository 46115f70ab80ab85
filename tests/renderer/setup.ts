import 'fake-indexeddb/auto';
import { configure } from '@testing-library/react';

// CI machines have 2 cores and run several test workers at once; the default 1 s for findBy*/waitFor is too
// tight for a first render that opens IndexedDB.
configure({ asyncUtilTimeout: 5000 });
