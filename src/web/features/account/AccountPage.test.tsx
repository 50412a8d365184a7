import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Me } from '../../lib/api';
import { renderPage, standInServer } from '../../testing/render';
import { AccountPage } from './AccountPage';

const me = {
  user: { displayName: 'Sanne Jansen', email: 'sanne@example.org', totpEnabled: true },
  abilities: { notifications: false },
} as unknown as Me;

describe('changing the own password', () => {
  it('applies the password rules of the server’s schema before sending', async () => {
    const s = standInServer({});
    renderPage(<AccountPage me={me} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Huidig wachtwoord'), 'oud-wachtwoord');
    await user.type(screen.getByLabelText('Nieuw wachtwoord'), 'kort');
    await user.click(screen.getByRole('button', { name: 'Wachtwoord wijzigen' }));
    expect(await screen.findByText('Minimaal 12 tekens.')).toBeTruthy();
    expect(s.writes()).toEqual([]);
  });

  it('shows the server’s verdict on the current password on that field', async () => {
    const s = standInServer({
      'POST /api/v1/account/password': {
        status: 400,
        body: { error: { code: 'validation_failed', details: [{ path: 'body.currentPassword', code: 'wrong_password' }], requestId: 'r-1' } },
      },
    });
    renderPage(<AccountPage me={me} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Huidig wachtwoord'), 'niet-mijn-wachtwoord');
    await user.type(screen.getByLabelText('Nieuw wachtwoord'), 'Zeer-lang-en-uniek-2027');
    await user.click(screen.getByRole('button', { name: 'Wachtwoord wijzigen' }));
    await waitFor(() => expect(s.writes()).toHaveLength(1));
    expect(await screen.findByText('Wachtwoord onjuist.')).toBeTruthy();
    expect(screen.getByLabelText('Huidig wachtwoord').getAttribute('aria-invalid')).toBe('true');
    // The field says it; no second, generic alert repeats it.
    expect(screen.queryByText('Controleer de gemarkeerde velden.')).toBeNull();
  });
});
