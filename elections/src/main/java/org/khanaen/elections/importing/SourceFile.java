package org.khanaen.elections.importing;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.khanaen.elections.importing.ElectionDefinition.Origin;

/** A file of an import, decoded strictly: text that is not UTF-8 is a problem, never silently mangled. */
public record SourceFile(String name, byte[] content) {

    /** The text without a byte-order mark, or empty (and a problem noted) when it is not UTF-8. */
    public Optional<String> text(Problems problems) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.wrap(content);
        try {
            String text = decoder.decode(bytes).toString();
            return Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (MalformedInputException e) {
            problems.add(Origin.of(name), "not valid UTF-8 text (bad bytes at byte offset " + bytes.position()
                    + "); save the file as UTF-8");
        } catch (CharacterCodingException e) {
            problems.add(Origin.of(name), "not valid UTF-8 text; save the file as UTF-8");
        }
        return Optional.empty();
    }
}
