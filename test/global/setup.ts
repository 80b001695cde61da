import { createRunTemporaryFolder } from './temporary-folder';

export default createRunTemporaryFolder;
