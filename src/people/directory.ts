/**
 * What the domain needs to know about the people and groups of the tenant, as a port: the Feishu contact and
 * chat APIs implement it (src/feishu/directory.ts), tests may use the emulator or a small in-memory one. The
 * domain never imports the SDK (design.md: data flows one way), so it sees people only through this.
 */

/** A person of the tenant as the contact API gives them (only people inside the app's availability). */
export interface DirectoryPerson {
  openId: string;
  /** the display name colleagues know them by */
  name: string;
  /** mainland numbers as 11 digits (e.g. 13800000001); others with + and the country code */
  mobile?: string;
  email?: string;
  /** ids of the departments the person belongs to */
  departmentIds: string[];
}

/** A department of the contact directory (通讯录). */
export interface Department {
  /** open_department_id */
  id: string;
  name: string;
  /** '0' for a department directly under the root */
  parentId: string;
  /** the department's leader (负责人), when the directory names one */
  leaderOpenId?: string;
}

/** The contact directory, as far as the app may see it (its 通讯录权限范围). */
export interface Directory {
  /**
   * open_ids of the people with these mobiles and e-mails (contact/v3/users/batch_get_id). A number or
   * address that is wrong, or whose person is outside the app's availability, is simply absent.
   */
  idsByContact(q: { mobiles: string[]; emails: string[] }): Promise<{
    mobiles: Map<string, string>;
    emails: Map<string, string>;
  }>;
  /** everyone the app can see, with mobile, e-mail and departments (walks the department tree) */
  people(): Promise<DirectoryPerson[]>;
  /** the departments directly under `parentId` ('0' = the root) */
  departments(parentId?: string): Promise<Department[]>;
  /** one person by open_id, or undefined when unknown or not visible */
  person(openId: string): Promise<DirectoryPerson | undefined>;
}

/** Group chats the bot creates and manages (im/v1/chats). */
export interface GroupChats {
  /** creates a group with the bot as owner and these members; `uuid` makes a retried create return the same group */
  create(g: { name: string; members: string[]; uuid: string }): Promise<{ chatId: string }>;
  /** adds people to a group (those already in it are ignored) */
  addMembers(chatId: string, members: string[]): Promise<void>;
  /** the open_ids of a group's members (bots excluded) */
  members(chatId: string): Promise<string[]>;
}

/** Files people send to the bot (im/v1/messages/:message_id/resources/:file_key). */
export interface MessageFiles {
  /** the bytes of a file message the bot received */
  download(messageId: string, fileKey: string): Promise<Buffer>;
}
