import { s3Storage } from '../helpers/lake-storages.js';
import { lakeQuerySuite } from '../suites/lake-query.suite.js';
import { lakeWritersSuite } from '../suites/lake-writers.suite.js';

// The lake's own suites, as the integration tier runs them on a local folder, on SeaweedFS.
lakeWritersSuite(s3Storage);
lakeQuerySuite(s3Storage);
