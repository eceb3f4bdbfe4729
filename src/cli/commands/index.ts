// Every CLI command, in the order the help lists them.
import type { CliCommand } from '../cli-types.ts';
import { importAlumniCommand } from './import-alumni.ts';
import { importProgrammesCommand } from './import-programmes.ts';
import { importUnitsCommand } from './import-units.ts';
import { peopleCommand } from './people.ts';
import { roleCommand } from './role.ts';
import { digestCommand } from './digest.ts';
import { reportCommand } from './report.ts';
import { formsCommand } from './forms.ts';
import { eraseCommand } from './erase.ts';
import { auditCommand } from './audit.ts';

export const CLI_COMMANDS: readonly CliCommand[] = [roleCommand, peopleCommand, importUnitsCommand, importProgrammesCommand, importAlumniCommand, digestCommand, reportCommand, formsCommand, eraseCommand, auditCommand];
