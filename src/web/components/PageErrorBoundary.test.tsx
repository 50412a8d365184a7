import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../lib/api';
import { PageErrorBoundary } from './PageErrorBoundary';

function Failing({ error }: { error: unknown }): never {
  throw error;
}

const flaky = { broken: true };
function Flaky() {
  if (flaky.broken) throw new TypeError('x is undefined');
  return <p>page content</p>;
}

describe('the page error boundary', () => {
  it('shows a useful message and the request id of the failed call', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    render(
      <PageErrorBoundary resetKey="/casussen">
        <Failing error={new ApiError(500, 'internal', [], {}, '7d7c3a4e-request')} />
      </PageErrorBoundary>,
    );
    expect(screen.getByRole('heading', { name: 'Deze pagina kon niet worden getoond' })).toBeTruthy();
    expect(screen.getByText('7d7c3a4e-request')).toBeTruthy();
  });

  it('says what to tell the help desk when there is no request id, and tries again on request', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    flaky.broken = true;
    render(
      <PageErrorBoundary resetKey="/">
        <Flaky />
      </PageErrorBoundary>,
    );
    expect(screen.getByText('Noem bij de helpdesk de pagina en het tijdstip.')).toBeTruthy();
    flaky.broken = false;
    await userEvent.setup().click(screen.getByRole('button', { name: 'Opnieuw proberen' }));
    expect(screen.getByText('page content')).toBeTruthy();
  });
});
