// A start of the app on a plaintext profile of an older version, killed by the test
// (encrypt-migration.test.ts) at a random moment: unwrap (or make) the key, then the one
// openProfile, which encrypts the database and the blobs.
import { openProfile } from '../../db/profile';
import { testProfileKey } from '../support/profile';

const dir = process.argv[2];
if (!dir) throw new Error('usage: encrypt-migration-child PROFILE_DIR');
const key = testProfileKey(dir);
process.stdout.write('start\n');
const profile = openProfile(dir, { key });
profile.close();
process.stdout.write('done\n');
