; Binary consensus one round short, with identities: 3 processes, 1 crash, 1 round. Every
; message carries its sender, so a counterexample shows who sent what.
(set-info :processes 3)
(set-info :crashes 1)
(set-info :rounds 1)
(set-info :inputs 2)
(set-info :decisions 2)
(set-info :identities true)

(define-fun agreement () Bool
  (forall ((i Proc) (j Proc))
    (=> (and (correct i) (correct j)) (= (decision i) (decision j)))))

(assert agreement)
