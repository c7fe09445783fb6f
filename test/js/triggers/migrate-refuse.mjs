// Migrate user that finds nobody: the old directory does not know the user either.
export const handler = async (event) => {
  throw new Error('User not found');
};
