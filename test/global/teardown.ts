import { removeRunTemporaryFolder } from './temporary-folder';

export default removeRunTemporaryFolder;
