; The Two Generals (coordinated attack): 2 processes, no faulty one, but each round the adversary may lose one of the two messages. Agreement always; attack (1) when both want to and no message was lost; never attack when neither wants to. No protocol for any number of rounds (the classical chain argument loses one message at a time).
(set-info :processes 2)
(set-info :faulty 0)
(set-info :faults crash)
(set-info :losses 1)
(set-info :rounds 2)
(set-info :inputs 2)
(set-info :decisions 2)
(set-info :states 2)
(set-info :round-aware true)
(set-info :expect unrealizable)

(define-fun agreement () Bool
  (forall ((i Proc) (j Proc)) (= (decision i) (decision j))))
(define-fun attack-when-safe () Bool
  (=> (and (forall ((i Proc)) (= (input i) 1)) (= lost 0))
      (forall ((i Proc)) (= (decision i) 1))))
(define-fun no-lone-attack () Bool
  (=> (forall ((i Proc)) (= (input i) 0))
      (forall ((i Proc)) (= (decision i) 0))))
(assert agreement)
(assert attack-when-safe)
(assert no-lone-attack)
