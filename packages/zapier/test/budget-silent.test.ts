/** A server that accepts connections and never sends a byte: every step still ends inside Zapier's limit. */
import { everyStepEndsInTime, silentServer } from './support/budget';

everyStepEndsInTime('a silent server', silentServer);
