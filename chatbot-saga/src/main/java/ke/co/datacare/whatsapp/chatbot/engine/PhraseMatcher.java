package ke.co.datacare.whatsapp.chatbot.engine;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig.Faq;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig.Intent;

/** FAQ exact phrases first, then FAQ keywords, then intent keywords; keywords match whole words only. */
final class PhraseMatcher {

    private final List<Candidate> faqs;
    private final List<Candidate> intents;

    PhraseMatcher(List<Faq> faqs, List<Intent> intents) {
        this.faqs = faqs.stream().map(faq -> new Candidate(Reply.of(faq), faq.phrases(), faq.keywords())).toList();
        this.intents = intents.stream()
                .map(intent -> new Candidate(Reply.of(intent), List.of(), intent.keywords()))
                .toList();
    }

    Optional<Reply> match(String text) {
        String normalized = TextNormalizer.normalize(text);
        if (normalized.isEmpty()) {
            return Optional.empty();
        }
        String padded = " " + normalized + " ";
        return first(faqs, faq -> faq.phrases().contains(normalized))
                .or(() -> first(faqs, faq -> faq.foundIn(padded)))
                .or(() -> first(intents, intent -> intent.foundIn(padded)));
    }

    private static Optional<Reply> first(List<Candidate> candidates, Predicate<Candidate> test) {
        return candidates.stream().filter(test).findFirst().map(Candidate::reply);
    }

    private record Candidate(Reply reply, Set<String> phrases, List<String> paddedKeywords) {

        Candidate(Reply reply, List<String> phrases, List<String> keywords) {
            this(reply,
                    phrases.stream().map(TextNormalizer::normalize).collect(Collectors.toUnmodifiableSet()),
                    keywords.stream().map(keyword -> " " + TextNormalizer.normalize(keyword) + " ").toList());
        }

        boolean foundIn(String paddedText) {
            return paddedKeywords.stream().anyMatch(paddedText::contains);
        }
    }
}
