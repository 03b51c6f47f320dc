/** A server that starts an answer and then stalls: every step still ends inside Zapier's limit. */
import { everyStepEndsInTime, hungServer } from './support/budget';

everyStepEndsInTime('a hung server', hungServer);
