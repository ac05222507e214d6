package org.khanaen.volunteers;

/**
 * Something outside the volunteer tables that holds a copy of a volunteer's contact (the mail queue,
 * say); it forgets the address when the volunteer is erased, in the same transaction.
 */
public interface PersonalDataEraser {

    void erase(String email);
}
