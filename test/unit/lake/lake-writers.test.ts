import { localStorage } from '../../helpers/lake-storages.js';
import { lakeWritersSuite } from '../../suites/lake-writers.suite.js';

// The same suite runs on S3 in test/s3/lake-on-s3.test.ts.
lakeWritersSuite(localStorage);
