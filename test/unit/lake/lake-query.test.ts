import { localStorage } from '../../helpers/lake-storages.js';
import { lakeQuerySuite } from '../../suites/lake-query.suite.js';

// The same suite runs on S3 in test/s3/lake-on-s3.test.ts.
lakeQuerySuite(localStorage);
