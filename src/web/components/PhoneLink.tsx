import { Link } from '@utrecht/component-library-react';
import { formatPhone } from '../../domain/directory';

/** A phone number as everywhere in the app: written the Dutch way (045 123 4567), dialled as stored (E.164). */
export function PhoneLink({ phone }: { phone: string }) {
  return <Link href={`tel:${phone}`}>{formatPhone(phone)}</Link>;
}
