import { CloudError } from './errors.js';

/**
 * Loads an SDK that is an optional peer dependency, at first use. When it is not installed, the
 * error says which package to install for which provider.
 */
export async function importOptional<T>(specifier: string, what: string): Promise<T> {
  try {
    return (await import(specifier)) as T;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const missing = code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
    if (missing && String((error as Error).message).includes(specifier)) {
      throw new CloudError(`${what} needs the package "${specifier}", which is not installed: install ${specifier} (npm install ${specifier}).`, {
        code: 'MissingPackage',
        cause: error,
      });
    }
    throw error;
  }
}
