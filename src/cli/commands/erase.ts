// erase <email>: an admin answers an erasure request made by e-mail (or letter). Everything the
// bot stores about the person is deleted or pseudonymised, as when they erase themselves in chat.
import { eraseByEmail } from '../../app/privacy/erase-person.ts';
import type { CliCommand } from '../cli-types.ts';
import { UsageError } from '../cli-types.ts';

export const eraseCommand: CliCommand = {
  name: 'erase',
  usage: '<email>',
  summary: 'privacy.cli.erase.summary',
  async run(args, { ctx, tr, io, actor }) {
    const [email, ...rest] = args;
    if (!email || rest.length > 0 || email.startsWith('-')) throw new UsageError(tr.t('privacy.cli.erase.usage'));
    const result = await eraseByEmail(ctx, actor, email);
    const address = email.trim().toLowerCase();
    if (result.outcome === 'nothing' || result.outcome === 'already') {
      io.out(tr.t('privacy.cli.erase.nothing', { email: address }));
      return 0;
    }
    io.out(tr.t('privacy.cli.erase.done', { email: address, invitations: result.invitationsWithdrawn, messages: result.messagesEdited, pseudonym: result.pseudonym ?? '' }));
    return 0;
  },
};
