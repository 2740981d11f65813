/** Who runs a command and from where (for the audit log). */
export interface ActorInfo {
  userId: number;
  ip: string;
}
