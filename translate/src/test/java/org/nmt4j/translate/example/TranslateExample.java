package org.nmt4j.translate.example;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.List;
import org.nmt4j.translate.TrainedModel;
import org.nmt4j.translate.Translation;

public class TranslateExample {
    public static void main(String[] args) throws Exception {
        Path model = Path.of(args.length > 0 ? args[0] : "runs/demo"); // a run or model directory
        try (TrainedModel nmt = TrainedModel.open(model, Device.cpu())) {
            List<String> sentences = List.of("I am very hungry.", "Where is the station?");
            for (Translation t : nmt.translator().translate(sentences)) {
                System.out.println(t.text() + "\t" + t.score());
            }
        }
    }
}
